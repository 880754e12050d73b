import { useMemo, useState } from 'react';
import type { Compilation, IrNode, Pos } from '../../../engines/kernels/api.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { IrGraphView } from './IrGraphView.tsx';

interface Props {
  compilation: Compilation;
  /** The selected Domain IR node, or −1. */
  selected: number;
  onSelect(id: number): void;
  /** Show a source position in the editor. */
  onReveal(at: Pos): void;
  fontSize: number;
  /** The program has an error: these are the stages of the last one that compiled. */
  outdated: boolean;
  /** On a projector: the pane's height and the type floor; both stages are drawn to fit it, one above the other (IrGraphView's fit). */
  fit?: { height: number; floor: number };
}

/** Room a stage's figure takes besides its graph (its bar, padding and border), and the fusion notes under the second, in px. */
const FIGURE_CHROME = 64;
const NOTES = 64;
/** The Domain IR's share of the height the two graphs have (it has the more layers). */
const DOMAIN_SHARE = 0.55;

/**
 * The temporaries fusion removed: the program's own variables by name, the unnamed intermediates
 * (`sqrt(time)`) counted and listed on request, so a long program does not bury the point.
 */
function Eliminated({ names }: { names: readonly string[] }) {
  if (names.length === 0) return <p data-testid="eliminated">No temporary was eliminated.</p>;
  const named = names.filter((n) => /^[\p{L}_][\p{L}\p{N}_!]*$/u.test(n));
  const unnamed = names.filter((n) => !named.includes(n));
  return (
    <div data-testid="eliminated" className="kn-eliminated">
      <strong>Eliminated by fusion ({names.length}):</strong>{' '}
      {named.map((n, i) => (
        <code key={i} className="kn-temp">
          {n}
        </code>
      ))}
      {unnamed.length > 0 && (
        <details>
          <summary>
            {named.length > 0 ? 'and ' : ''}
            {unnamed.length} unnamed intermediate{unnamed.length === 1 ? '' : 's'}
          </summary>
          {unnamed.map((n, i) => (
            <code key={i} className="kn-temp">
              {n}
            </code>
          ))}
        </details>
      )}
    </div>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The compiler's first two stages, named as in the paper: the Domain IR (every array operation,
 * every temporary) and the Parallel IR after fusion (parfor nodes), with the temporaries that
 * vanished and a sentence wherever fusion could not apply. Hovering a node lights the same
 * operations in the other stage.
 */
export function CompilerStages({ compilation, selected, onSelect, onReveal, fontSize, outdated, fit }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const [hover, setHover] = useState<IrNode>();
  const { domain, parallel, eliminated, notFused } = compilation;
  // Domain IR ids: a hovered parfor lights the ops it fused, a hovered op lights itself and its parfor.
  const emphasis = useMemo((): ReadonlySet<number> => {
    if (hover) return new Set(hover.fused ?? (parallel.nodes.includes(hover) ? [] : [hover.id]));
    return new Set(selected >= 0 ? [selected] : []);
  }, [hover, selected, parallel]);
  const domainLabels = useMemo(() => new Map(domain.nodes.map((n) => [n.id, n.label])), [domain]);
  const ops = domain.nodes.filter((n) => n.kind !== 'input' && n.kind !== 'output').length;
  const temps = domain.edges.filter((e) => e.temporary).length;
  const loops = parallel.nodes.filter((n) => n.kind === 'parfor' || n.kind === 'stencil').length;
  const left = parallel.edges.filter((e) => e.temporary).length;
  const width = Math.max(200, size.width - 16);
  const graphs = fit ? Math.max(120, fit.height - 2 * FIGURE_CHROME - NOTES - 12) : 0;
  const fitOf = (share: number) => (fit ? { fit: { height: graphs * share, floor: fit.floor } } : {});
  const select = (n: IrNode) => {
    const id = parallel.nodes.includes(n) ? (n.fused?.[0] ?? -1) : n.id;
    onSelect(id === selected ? -1 : id);
    if (n.at) onReveal(n.at);
  };
  return (
    <div className={`kn-stages${outdated ? ' outdated' : ''}`} ref={box}>
      {outdated && <p className="kn-note">The program has an error: these are the stages of the last version that compiled.</p>}
      <Figure title={`1 · Domain IR: ${plural(ops, 'array operation')}, ${plural(temps, 'temporary array', 'temporary arrays')}`} exportName={`kernels-${compilation.name}-domain-ir`} className="kn-fig-domain">
        <div data-testid="domain-ir">
          <IrGraphView graph={domain} stage="domain" domainLabels={domainLabels} emphasis={emphasis} onSelect={select} onHover={setHover} fontSize={fontSize} width={width} {...fitOf(DOMAIN_SHARE)} label={`Domain IR of ${compilation.name}`} />
        </div>
      </Figure>
      <Figure title={`2 · Parallel IR after fusion: ${plural(loops, 'loop')}, ${plural(left, 'temporary array', 'temporary arrays')} left`} exportName={`kernels-${compilation.name}-parallel-ir`} className="kn-fig-parallel">
        <div data-testid="parallel-ir">
          <IrGraphView graph={parallel} stage="parallel" domainLabels={domainLabels} emphasis={emphasis} onSelect={select} onHover={setHover} fontSize={fontSize} width={width} {...fitOf(1 - DOMAIN_SHARE)} label={`Parallel IR of ${compilation.name}`} />
        </div>
        <div className="kn-fusion-notes">
          <Eliminated names={eliminated} />
          {notFused.length > 0 && (
            <ul className="kn-not-fused" aria-label="Where fusion does not apply">
              {notFused.map((f, i) => (
                <li key={i}>
                  {f.at ? (
                    <button type="button" className="quiet kn-at" onClick={() => onReveal(f.at!)} title="Show in the program">
                      line {f.at.line}
                    </button>
                  ) : null}{' '}
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Figure>
    </div>
  );
}
