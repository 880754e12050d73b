import type { Level } from '../../../engines/lvars/analysis/analyze.ts';

const EXPLAIN = {
  Det: 'Det: no freeze and no mutable cell. Every schedule gives the same result (given lawful lattices).',
  QuasiDet: 'QuasiDet: uses freeze. Every schedule gives the same result or an error.',
  Nondet: 'Nondet: uses a mutable cell (ref), or cancels a computation that is not read-only. No guarantee.',
} as const;

const ZOO = {
  memo: { text: 'memo', title: 'Uses a memo table (Data.LVar.Memo): each key computed once, whichever thread asks first. Deterministic.' },
  cancel: { text: 'cancel', title: "Cancels computations (PLDI'14): deterministic when each cancelled computation is read-only (G only) and its result is not read." },
} as const;

/** LVish's determinism level, known before running: the phantom type of the Par monad. */
export function LevelBadge({ level }: { level: Level }) {
  const cls = level.level === 'Det' ? 'badge-ok' : level.level === 'QuasiDet' ? 'badge-warn' : 'badge-err';
  return (
    <span className="lv-level" title={EXPLAIN[level.level]}>
      <span className={`badge ${cls}`} data-testid="level">
        Par {level.level}
      </span>
      {level.effects.length > 0 && (
        <span className="badge lv-effects" data-testid="effects" title="Effects used (PLDI'14's effect zoo): P put, G get, F freeze, B bump (commutes), I IO (mutable cells)">
          Ef {level.effects.join(' ')}
        </span>
      )}
      {level.zoo.map((z) => (
        <span key={z} className="badge lv-effects" data-testid={`zoo-${z}`} title={ZOO[z].title}>
          {ZOO[z].text}
        </span>
      ))}
      {level.reason && <span className="muted"> {level.reason}</span>}
    </span>
  );
}
