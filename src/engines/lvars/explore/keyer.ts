import { K, Mode, type Kont, type Thread } from '../runtime/machine.ts';
import { stateKey } from '../lattice/lattice.ts';
import type { Env } from '../runtime/code.ts';
import type { Config } from '../runtime/world.ts';
import { valueKey, type Value } from '../runtime/values.ts';

/**
 * Canonical names for configurations, for state caching: two configurations get the same key
 * exactly when they are the same (same store, same threads at the same points with the same
 * environments and continuations). Environments and continuation frames are shared between
 * configurations and immutable, so each is named once and remembered by identity.
 */
export class Keyer {
  private readonly ids = new WeakMap<object, number>();
  private readonly deep = new WeakMap<object, string>();
  private readonly table = new Map<string, number>();

  private intern(text: string): number {
    let id = this.table.get(text);
    if (id === undefined) {
      id = this.table.size + 1;
      this.table.set(text, id);
    }
    return id;
  }

  env(e: Env | null): number {
    if (!e) return 0;
    let id = this.ids.get(e);
    if (id === undefined) {
      id = this.intern(`E${e.vals.map((v) => this.value(v)).join(',')}|${this.env(e.parent)}`);
      this.ids.set(e, id);
    }
    return id;
  }

  /** A value's key; closures are named by their code and their environment. */
  value(v: Value): string {
    if (typeof v !== 'object') return valueKey(v);
    switch (v.tag) {
      case 'closure':
        return `C${v.code.id}@${this.env(v.env)}`;
      case 'tuple':
      case 'list':
      case 'set':
      case 'map': {
        let key = this.deep.get(v);
        if (key === undefined) {
          const parts = v.tag === 'map' ? [...v.keys, ...v.values] : v.items;
          key = `${v.tag}(${parts.map((x) => this.value(x)).join(',')})`;
          this.deep.set(v, key);
        }
        return key;
      }
      default:
        return valueKey(v);
    }
  }

  private values(vs: readonly Value[]): string {
    return vs.map((v) => this.value(v)).join(',');
  }

  kont(k: Kont | null): number {
    if (!k) return 0;
    let id = this.ids.get(k);
    if (id !== undefined) return id;
    let text: string;
    switch (k.t) {
      case K.Seq:
      case K.Let:
      case K.ForIter:
      case K.WhileCond:
      case K.WhileBody:
        text = `${k.t}:${k.block.cid}.${k.index}:${this.env(k.env)}`;
        break;
      case K.Boundary:
      case K.ReturnVal:
        text = `${k.t}`;
        break;
      case K.Callee:
      case K.BinL:
      case K.AndOr:
      case K.If:
      case K.IndexT:
        text = `${k.t}:${k.node.cid}:${this.env(k.env)}`;
        break;
      case K.Args:
        text = `${k.t}:${k.node.cid}:${this.value(k.callee)}:${this.values(k.done)}:${this.env(k.env)}`;
        break;
      case K.BinR:
        text = `${k.t}:${k.node.cid}:${this.value(k.left)}`;
        break;
      case K.Unary:
        text = `${k.t}:${k.node.cid}`;
        break;
      case K.Items:
        text = `${k.t}:${k.node.cid}:${this.values(k.done)}:${this.env(k.env)}`;
        break;
      case K.IndexI:
        text = `${k.t}:${k.node.cid}:${this.value(k.target)}`;
        break;
      case K.ForNext:
        text = `${k.t}:${k.block.cid}.${k.index}:${this.env(k.env)}:${k.pos}:${this.values(k.items)}`;
        break;
    }
    id = this.intern(`${text}>${this.kont(k.next)}`);
    this.ids.set(k, id);
    return id;
  }

  thread(t: Thread): string {
    const head = `${t.id}#${t.forks}.${t.allocs}`;
    switch (t.mode) {
      case Mode.Eval:
        return `${head}e${t.code!.cid}:${this.env(t.env)}:${this.kont(t.kont)}`;
      case Mode.Exec:
        return `${head}x${t.block!.cid}.${t.index}:${this.env(t.env)}:${this.kont(t.kont)}`;
      case Mode.Ret:
        return `${head}r${this.value(t.value)}:${this.kont(t.kont)}`;
      case Mode.Unwind:
        return `${head}u${this.value(t.value)}:${this.kont(t.kont)}`;
      case Mode.Poised: {
        const p = t.pending!;
        return `${head}p${p.op}(${this.values(p.args)})${p.finalPool ?? ''}:${this.kont(t.kont)}`;
      }
      case Mode.Done:
        return `${head}d${this.value(t.value)}`;
    }
  }

  config(c: Config): string {
    const parts: string[] = [];
    for (const t of c.threads) parts.push(this.thread(t));
    parts.push('|');
    for (const l of c.lvars.values()) parts.push(`${l.id}=${stateKey(l.state)}${l.frozen ? '!' : ''}`);
    for (const h of c.handlers) parts.push(`${h.id}>${h.lvar}@${h.pool}:${this.value(h.fn)}${h.events ? `/${h.events.map(stateKey).join(',')}` : ''}`);
    for (const r of c.refs.values()) parts.push(`${r.id}:=${this.value(r.value)}`);
    for (const [id, v] of c.futures) parts.push(`${id}=>${v === undefined ? '?' : this.value(v)}`);
    if (c.failure) parts.push(`!${c.failure.key}`);
    return parts.join(' ');
  }
}
