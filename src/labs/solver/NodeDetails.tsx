import type { DetailData } from '../../engines/solver/trace/details.ts';
import { Phase } from '../../engines/solver/trace/details.ts';
import type { TreeData } from '../../engines/solver/trace/tree.ts';
import { NodeKind } from '../../engines/solver/trace/tree.ts';
import type { Namer } from './naming.ts';
import { imageSide } from './ImageView.tsx';
import { formatValue } from './SliceView.tsx';

interface NodeDetailsProps {
  tree: TreeData | undefined;
  details: DetailData | undefined;
  node: number;
  namer: Namer | undefined;
  inputNames: string[];
  /** The network has ReLUs (whose phases bounds can fix). */
  relus: boolean;
}

/** Inputs listed one row each up to this many (ACAS Xu's 5); beyond (MNIST's 784) the box is summarised. */
const LISTED_INPUTS = 16;

/** What is fixed at a node: the splits on the way there, the input box, the phases and the bound. */
export function NodeDetails({ tree, details, node, namer, inputNames, relus }: NodeDetailsProps) {
  if (!tree || !namer || node < 0 || node >= tree.count) return <p className="solver-empty">Click a node of the search tree to see what is fixed there.</p>;
  const path: number[] = [];
  for (let at = node; at >= 0; at = tree.parent[at]!) path.unshift(at);
  const splits = path.filter((id) => tree.kind[id] === NodeKind.input || tree.kind[id] === NodeKind.relu || tree.kind[id] === NodeKind.range);
  const recorded = details !== undefined && node < details.recorded && details.has[node] === 1;
  const n = details?.inputs ?? 0;
  const box = recorded ? details.boxes.subarray(node * 2 * n, (node + 1) * 2 * n) : undefined;
  let byBounds = 0;
  if (recorded) {
    for (const p of details.phases.subarray(node * details.neurons, (node + 1) * details.neurons)) if (p === Phase.active || p === Phase.inactive) byBounds++;
  }
  return (
    <div className="node-details">
      <p>
        <strong>Node {node}</strong>, depth {tree.depth[node]}: {namer.fate(tree.fate[node]!)}
        {Number.isFinite(tree.bound[node]) ? `; best bound on the slack ${formatValue(tree.bound[node]!)}${tree.bound[node]! > 0 ? ' (> 0 proves it)' : ''}` : ''}.
      </p>
      <p className="node-path">
        {splits.length === 0 ? 'Nothing fixed yet: this is the whole box.' : `Fixed on the way here (${splits.length}): `}
        {splits.map((id, i) => (
          <span key={id}>
            {i > 0 ? ' → ' : ''}
            <span className="path-step">{namer.node(id)}</span>
          </span>
        ))}
      </p>
      {recorded && relus && <p>{byBounds} ReLU phases are fixed by the bounds here{splits.some((id) => tree.kind[id] === NodeKind.relu) ? ', besides those fixed by splits' : ''}.</p>}
      {box && n > LISTED_INPUTS && <InputSummary box={box} n={n} namer={namer} />}
      {box && n <= LISTED_INPUTS && (
        <table className="data node-box">
          <thead>
            <tr>
              <th>input</th>
              <th className="num">from</th>
              <th className="num">to</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n }, (_, i) => (
              <tr key={i}>
                <td>{inputNames[i] ?? `x${i}`}</td>
                <td className="num">{formatValue(namer.inputValue(i, box[i]!))}</td>
                <td className="num">{formatValue(namer.inputValue(i, box[n + i]!))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A box of many inputs in one line: their count and the range of their intervals' ends and widths. */
function InputSummary({ box, n, namer }: { box: Float64Array; n: number; namer: Namer }) {
  let lowest = Infinity;
  let highest = -Infinity;
  let narrowest = Infinity;
  let widest = -Infinity;
  for (let i = 0; i < n; i++) {
    const lo = namer.inputValue(i, box[i]!);
    const hi = namer.inputValue(i, box[n + i]!);
    lowest = Math.min(lowest, lo);
    highest = Math.max(highest, hi);
    narrowest = Math.min(narrowest, hi - lo);
    widest = Math.max(widest, hi - lo);
  }
  return (
    <p className="node-box-summary">
      {n} inputs, each in an interval of width {formatValue(narrowest)}
      {widest > narrowest ? ` to ${formatValue(widest)}` : ''}, within [{formatValue(lowest)}, {formatValue(highest)}]{imageSide(n) ? ' (the image shows the box pixel by pixel)' : ''}.
    </p>
  );
}
