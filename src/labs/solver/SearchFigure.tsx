import type { SolverProgressDetail, SolverResult } from '../../engines/solver/result.ts';
import { Player } from '../../ui/Player.tsx';
import type { makeNamer } from './naming.ts';
import type { SolverView } from './scenario.ts';
import { TreeView } from './TreeView.tsx';

interface Props {
  result: SolverResult | undefined;
  /** The partial tree of a run that is going. */
  live: SolverProgressDetail | undefined;
  view: SolverView;
  /** The player's position, within the shown run's events. */
  position: number;
  selected: number;
  namer: ReturnType<typeof makeNamer> | undefined;
  /** The tree's height in px. */
  height: number;
  onView(patch: Partial<SolverView>): void;
}

/** What the tree's caption says: the live count while running, else the shown run's size. */
function captionOf(result: SolverResult | undefined, live: SolverProgressDetail | undefined): string {
  const summary = result?.summary;
  if (live) return `Running: ${live.tree.count + live.tree.unrecorded} nodes so far, ${(100 * live.covered).toFixed(1)}% of the search space closed.`;
  if (!summary) return '';
  const drawn = result!.trace.tree.unrecorded > 0 ? `; the first ${result!.trace.tree.count.toLocaleString('en-US')} are drawn` : '';
  return `${summary.stats.nodes.toLocaleString('en-US')} node${summary.stats.nodes === 1 ? '' : 's'}, maximum split depth ${summary.stats.maxDepth}${summary.strategy === 'reluplex' ? ` (of ${summary.network.nonlinear} ReLUs)` : ''}${drawn}.`;
}

/** The search tree (live while a run goes), and the Player that replays the shown run's steps. */
export function SearchFigure({ result, live, view, position, selected, namer, height, onView }: Props) {
  const events = result?.trace.events;
  const last = events ? Math.max(0, events.count - 1) : 0;
  return (
    <>
      <TreeView
        tree={live?.tree ?? result?.trace.tree}
        position={live ? Infinity : position >= last ? Infinity : position}
        live={live !== undefined}
        selected={selected}
        onSelect={(id) => onView({ selected: id })}
        namer={namer}
        layout={view.layout}
        onLayout={(layout) => onView({ layout })}
        caption={captionOf(result, live)}
        height={height}
      />
      {result && (
        <Player length={events!.count} position={position} onSeek={(p) => onView({ position: p })} describe={(p) => namer?.event(p) ?? ''} label="Replay the search" />
      )}
    </>
  );
}
