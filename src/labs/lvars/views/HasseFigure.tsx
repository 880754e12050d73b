import type { Frame, LatticeView } from '../../../engines/lvars/explore/replay.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { HasseView } from './HasseView.tsx';

interface Props {
  lattices: LatticeView[];
  /** The LVar drawn, and the one shown at this step of the replay. */
  lattice: LatticeView;
  frame: Frame;
  /** The states this LVar has passed through up to this step. */
  history: string[];
  onSelect(lvar: string): void;
}

/** The lattice of one LVar as a Hasse diagram, with a picker when the program has several. */
export function HasseFigure({ lattices, lattice, frame, history, onSelect }: Props) {
  const selected = lattice.lvar;
  return (
    <Figure
      title={`Lattice of ${lattice.label}: ${lattice.lattice}`}
      exportName={`lvars-lattice-${lattice.label}`}
      className="lv-fig-hasse"
      actions={
        lattices.length > 1 && (
          <select aria-label="LVar to draw" value={selected} onChange={(e) => onSelect(e.target.value)}>
            {lattices.map((l) => (
              <option key={l.lvar} value={l.lvar}>
                {l.label}
              </option>
            ))}
          </select>
        )
      }
    >
      <HasseView
        lattice={lattice}
        history={history}
        frozen={frame.lvars.find((l) => l.id === selected)?.frozen ?? false}
        rejected={frame.rejected?.lvar === selected ? frame.rejected.key : undefined}
      />
    </Figure>
  );
}
