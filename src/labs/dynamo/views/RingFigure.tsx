import { useState } from 'react';
import type { FailureEvent } from '../../../engines/dynamo/config.ts';
import { Figure } from '../../../ui/Figure.tsx';
import type { Frame } from '../frame.ts';
import { formatMs, keyName } from '../names.ts';
import { describeGroups, type ClusterState } from '../timeline.ts';
import { MAX_DRAWN } from './ringArcs.ts';
import { RingView, type RingMode } from './RingView.tsx';

interface RingFigureProps {
  frame: Frame;
  /** What the figure says while there is no ring yet (it is being laid out, or cannot be). */
  pending: string;
  size: number;
  /** False in an embed: the ring only shows. */
  interactive: boolean;
  /** On a projector: the ring fills its column, so its tools are short buttons in the figure's bar (the legend is for normal mode). */
  compact?: boolean;
  onKey(key: number): void;
  inject(f: FailureEvent): void;
}

/**
 * The ring at the player's time with the selected key's preference list, a key picker, and the
 * tools that inject failures by clicking the ring (crash, recover, partition, heal).
 */
export function RingFigure({ frame, pending, size, interactive, compact = false, onKey, inject }: RingFigureProps) {
  const [ringMode, setRingMode] = useState<RingMode>('crash');
  const { trace, now, cluster, key, keys, config, nodes, ring } = frame;
  // Injected failures land at the player's time (to 0.1 ms, rounded down, so they apply at the frame shown).
  const at = Math.floor(now * 10) / 10;
  const onNode = (node: number) => {
    if (!cluster.member[node]) return;
    inject(cluster.up[node] ? { at, kind: 'crash', node } : { at, kind: 'recover', node });
  };
  const tools = interactive && <RingTools mode={ringMode} onMode={setRingMode} partitioned={cluster.partitioned} onHeal={() => inject({ at, kind: 'heal' })} compact={compact} />;
  return (
    <Figure
      title={`The ring${trace ? ` at ${formatMs(now)}` : ' (before the run)'}`}
      exportName="dynamo-ring"
      className="dyn-ring-figure"
      actions={
        <>
          {compact && tools}
          <label className="dyn-key-picker">
            {/* In the projector's narrow column the bar holds the tools too: the key's number, between − and +, goes without its word (the ring names the key). */}
            {!compact && <span>key</span>}
            <button type="button" className="quiet" aria-label="Previous key" disabled={key === 0} onClick={() => onKey(key - 1)}>
              −
            </button>
            <input type="number" min={0} max={keys - 1} value={key} aria-label="Selected key" title="Selected key" onChange={(e) => Number.isInteger(Number(e.target.value)) && onKey(Math.min(keys - 1, Math.max(0, Number(e.target.value))))} />
            <button type="button" className="quiet" aria-label="Next key" disabled={key >= keys - 1} onClick={() => onKey(key + 1)}>
              +
            </button>
          </label>
        </>
      }
    >
      {ring ? (
        <RingView
          ring={ring}
          nodes={nodes}
          clients={frame.clients}
          cluster={cluster}
          size={size - 24}
          selectedKey={key}
          keyPosition={frame.keyPosition}
          preference={frame.preference}
          n={config.quorum.n}
          hints={frame.at?.hints ?? []}
          inFlight={frame.inFlight}
          mode={ringMode}
          interactive={interactive}
          onNode={onNode}
          onPartition={(groupA, clientsA, clientsB) => inject({ at, kind: 'partition', groups: [groupA], clientGroups: [clientsA, clientsB] })}
        />
      ) : (
        <p className="dyn-empty dyn-ring-pending" style={{ minHeight: size - 24 }}>
          {pending}
        </p>
      )}
      <div className="dyn-ring-foot">
        {!compact && tools}
        <p className="dyn-ring-legend">
          <strong>{keyName(key)}</strong>: preference list numbered 1–{config.quorum.n} (thick line: coordinator; dashed: stand-ins for down nodes).
          {cluster.partitioned && ` Partition ${describeGroups(groupsOf(cluster), nodes)}.`}
          {ringMode === 'partition' && interactive && ' Drag a line across the ring to split the nodes (and clients) in two at the player’s time.'}
          {ringMode === 'crash' && interactive && ` A click crashes or recovers a node at ${formatMs(now)}.`} Orange badges: hinted versions held.
          {ring && ring.bounds.length > MAX_DRAWN && ` ${ring.bounds.length.toLocaleString('en-US')} key ranges are too many to draw one by one: the band shows the coordinator at ${MAX_DRAWN} points around the ring, without token ticks.`}
        </p>
      </div>
    </Figure>
  );
}

interface RingToolsProps {
  mode: RingMode;
  onMode(mode: RingMode): void;
  partitioned: boolean;
  onHeal(): void;
  compact: boolean;
}

/**
 * What a click on the ring does: crash / recover a node, or draw a partition (a line dragged
 * across the ring); and healing a partition in place. Compact (a projector's figure bar): one
 * toggle for drawing, "Heal" while partitioned; a click on a node crashes it whenever not drawing.
 */
function RingTools({ mode, onMode, partitioned, onHeal, compact }: RingToolsProps) {
  const drawing = mode === 'partition';
  const heal = partitioned && (
    <button type="button" className={compact ? 'quiet' : undefined} aria-label="Heal the partition" onClick={onHeal}>
      {compact ? 'Heal' : 'Heal the partition'}
    </button>
  );
  if (compact)
    return (
      <span className="dyn-ring-tools compact" role="group" aria-label="What a drag on the ring does">
        <button
          type="button"
          className={drawing ? 'quiet active' : 'quiet'}
          aria-pressed={drawing}
          aria-label="Cut: draw a partition"
          title={drawing ? 'Drag a line across the ring to split it in two (click again to crash nodes by a click)' : 'Draw a partition: then drag a line across the ring'}
          onClick={() => onMode(drawing ? 'crash' : 'partition')}
        >
          Cut
        </button>
        {heal}
      </span>
    );
  return (
    <div className="dyn-ring-tools" role="group" aria-label="What a click on the ring does">
      <button type="button" aria-pressed={mode === 'crash'} className={mode === 'crash' ? 'active' : ''} onClick={() => onMode('crash')}>
        Click a node: crash / recover
      </button>
      <button type="button" aria-pressed={drawing} className={drawing ? 'active' : ''} onClick={() => onMode('partition')}>
        Draw a partition
      </button>
      {heal}
    </div>
  );
}

function groupsOf(c: ClusterState): number[][] {
  const groups: number[][] = [];
  c.group.forEach((g, n) => {
    if (g < 0) return;
    (groups[g] ??= []).push(n);
  });
  return groups.filter((g) => g.length > 0).slice(0, -1);
}
