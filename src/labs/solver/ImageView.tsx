import type { Spec } from '../../engines/solver/model/spec.ts';
import { Figure } from '../../ui/Figure.tsx';

/** Image inputs: a square number of inputs in [0, 1], drawn as a grayscale picture (MNIST: 28 × 28). */
export function imageSide(inputs: number): number | undefined {
  const side = Math.round(Math.sqrt(inputs));
  return side * side === inputs && side >= 8 ? side : undefined;
}

const CELL = 6;
const GAP = 22;

interface Panel {
  title: string;
  values: ArrayLike<number>;
  /** The value drawn black, and the value drawn white. */
  range: [number, number];
}

function Picture({ panel, side, x }: { panel: Panel; side: number; x: number }) {
  const [lo, hi] = panel.range;
  const cells = [];
  for (let i = 0; i < side * side; i++) {
    const t = hi > lo ? Math.min(1, Math.max(0, (panel.values[i]! - lo) / (hi - lo))) : 0;
    const g = Math.round(255 * (1 - t));
    cells.push(<rect key={i} x={x + (i % side) * CELL} y={18 + Math.floor(i / side) * CELL} width={CELL} height={CELL} fill={`rgb(${g},${g},${g})`} />);
  }
  return (
    <g>
      <text x={x} y={12} className="image-title">
        {panel.title}
      </text>
      {cells}
      <rect x={x} y={18} width={side * CELL} height={side * CELL} fill="none" stroke="#3b4450" />
    </g>
  );
}

/**
 * For image classifiers (MNIST): the property's input box as pictures, the image at its centre
 * and the perturbation allowed per pixel (the box's width), and the counterexample beside them
 * with its difference from the image, so a lecturer can show what "robust within ε" means.
 */
export function ImageView({ spec, caseIndex, counterexample }: { spec: Spec | undefined; caseIndex: number; counterexample: number[] | undefined }) {
  const c = spec?.cases[caseIndex] ?? spec?.cases[0];
  const side = c ? imageSide(c.lo.length) : undefined;
  if (!c || !side) return null;
  const n = c.lo.length;
  const centre = Float64Array.from(c.lo, (l, i) => l / 2 + c.hi[i]! / 2);
  const width = Float64Array.from(c.lo, (l, i) => c.hi[i]! - l);
  const widest = Math.max(...width);
  const panels: Panel[] = [
    { title: 'image (box centre)', values: centre, range: [0, 1] },
    { title: `perturbation (≤ ${widest.toPrecision(2)})`, values: width, range: [0, widest] },
  ];
  if (counterexample && counterexample.length === n) {
    panels.push({ title: 'counterexample', values: counterexample, range: [0, 1] });
    panels.push({ title: 'difference', values: counterexample.map((v, i) => Math.abs(v - centre[i]!)), range: [0, widest] });
  }
  const w = panels.length * side * CELL + (panels.length - 1) * GAP;
  return (
    <Figure title="Input image" exportName="solver-input-image" className="solver-image">
      <svg width={w} height={side * CELL + 24} role="img" aria-label={`the property's input box as ${side} × ${side} images`} data-testid="input-image">
        {panels.map((p, k) => (
          <Picture key={p.title} panel={p} side={side} x={k * (side * CELL + GAP)} />
        ))}
      </svg>
    </Figure>
  );
}
