import type { GraphNode } from '../versionGraph.ts';
import { Mark, OKABE_ITO, type Category } from '../../../ui/chart/palette.tsx';
import { flowLegend, textWidth } from '../../../ui/chart/wrap.ts';

/**
 * What a box in the version graph (SOSP'07 Figure 3) stands for, each with an Okabe–Ito colour and
 * a second cue that needs no colour: a mark's shape, a second outline, a dashed outline. (The
 * returned versions' second outline is Okabe–Ito's vermillion, in dynamo.css.)
 */
export interface VersionRole extends Category {
  id: 'frontier' | 'merge';
}

const FRONTIER: VersionRole = { id: 'frontier', color: OKABE_ITO.blue, shape: 'circle' };
const MERGE: VersionRole = { id: 'merge', color: OKABE_ITO.bluishGreen, shape: 'triangle' };
export const VERSION_ROLES: readonly VersionRole[] = [FRONTIER, MERGE];

/** A version's role: a merge of siblings (two parents or more), one of the latest versions, or neither (an older version). */
export const versionRole = (g: GraphNode): VersionRole | undefined => (g.parents.length > 1 ? MERGE : g.frontier ? FRONTIER : undefined);

const FONT = 12;
const SWATCH = 22;
export const VERSION_KEY_ROW = 20;

type Entry = { label: string; draw: 'frontier' | 'merge' | 'returned' | 'uncommitted' | 'arrow' };
const ENTRIES: readonly Entry[] = [
  { label: 'latest (several: siblings)', draw: 'frontier' },
  { label: 'merge of siblings', draw: 'merge' },
  { label: 'returned by the last read', draw: 'returned' },
  { label: 'not (yet) committed', draw: 'uncommitted' },
  { label: 'points to a descendant', draw: 'arrow' },
];

/** The width of the key's widest entry: as a column, one entry a row, it needs no more. */
export const versionKeyWidth = (): number => Math.ceil(Math.max(...ENTRIES.map((e) => SWATCH + FONT * 0.4 + textWidth(e.label, FONT))));

/** The rows the key takes at a width. */
export const versionKeyRows = (width: number): number => flowLegend(ENTRIES.map((e) => e.label), width, FONT, SWATCH).rows;

function Swatch({ draw }: { draw: Entry['draw'] }) {
  switch (draw) {
    case 'frontier':
    case 'merge': {
      const role = draw === 'merge' ? MERGE : FRONTIER;
      return (
        <>
          <rect x={0} y={-7} width={SWATCH - 4} height={14} rx={3} className="dyn-vg-swatch" style={{ stroke: role.color }} />
          <Mark category={role} x={(SWATCH - 4) / 2} y={0} size={9} />
        </>
      );
    }
    case 'returned':
      return (
        <>
          <rect x={-2} y={-9} width={SWATCH} height={18} rx={5} className="dyn-vg-returned" />
          <rect x={1} y={-6} width={SWATCH - 6} height={12} rx={3} className="dyn-vg-swatch" />
        </>
      );
    case 'uncommitted':
      return <rect x={0} y={-7} width={SWATCH - 4} height={14} rx={3} className="dyn-vg-swatch" strokeDasharray="5 3" />;
    case 'arrow':
      return <line x1={0} x2={SWATCH - 6} className="dyn-vg-edge" markerEnd="url(#dyn-vg-arrow)" />;
  }
}

/** The graph's key, drawn into its SVG under the versions (so an exported graph stands on its own). */
export function VersionKey({ x, y, width }: { x: number; y: number; width: number }) {
  const placed = flowLegend(ENTRIES.map((e) => e.label), width, FONT, SWATCH);
  return (
    <g className="dyn-vg-key" transform={`translate(${x},${y})`}>
      {ENTRIES.map((e, i) => (
        <g key={e.draw} transform={`translate(${placed[i]!.x},${placed[i]!.row * VERSION_KEY_ROW + VERSION_KEY_ROW / 2})`}>
          <Swatch draw={e.draw} />
          <text x={SWATCH + FONT * 0.4} dominantBaseline="central" fontSize={FONT}>
            {e.label}
          </text>
        </g>
      ))}
    </g>
  );
}
