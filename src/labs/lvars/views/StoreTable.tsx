import type { Frame } from '../../../engines/lvars/explore/replay.ts';

/** The store at the current step: each LVar's state and frozen bit; rows the step changed stand out. */
export function StoreTable({ frame, previous, selected, onSelect }: { frame: Frame; previous: Frame | undefined; selected: string; onSelect(id: string): void }) {
  const before = new Map(previous?.lvars.map((l) => [l.id, l]));
  if (frame.lvars.length === 0) return <p className="muted">No LVars yet.</p>;
  return (
    <table className="data lv-store">
      <thead>
        <tr>
          <th>LVar</th>
          <th>lattice</th>
          <th>contents</th>
        </tr>
      </thead>
      <tbody>
        {frame.lvars.map((l) => {
          const old = before.get(l.id);
          const changed = !old || old.key !== l.key || old.frozen !== l.frozen;
          return (
            <tr key={l.id} className={`${changed && previous ? 'changed' : ''} ${l.id === selected ? 'selected' : ''}`} onClick={() => onSelect(l.id)} title={`${l.label} (${l.id}): click to draw its lattice`}>
              <td className="mono">{l.label}</td>
              <td>{l.lattice}</td>
              <td className="mono">
                {l.state}
                {l.frozen && <span className="badge badge-info lv-frozen">frozen</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
