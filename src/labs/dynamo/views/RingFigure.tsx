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
  onKey(key: number): void;
  inject(f: FailureEvent): void;
}

/**
 * The ring at the player's time with the selected key's preference list, a key picker, and the
 * tools that inject failures by clicking the ring (crash, recover, partition, heal).
 */
export function RingFigure({ frame, pending, size, interactive, onKey, inject }: RingFigureProps) {
  const [ringMode, setRingMode] = useState<RingMode>('crash');
  const { trace, now, cluster, key, keys, config, nodes, ring } = frame;
  // Injected failures land at the player's time (to 0.1 ms, rounded down, so they apply at the frame shown).
  const at = Math.floor(now * 10) / 10;
  const onNode = (node: number) => {
    if (!cluster.member[node]) return;
    inject(cluster.up[node] ? { at, kind: 'crash', node } : { at, kind: 'recover', node });
  };
  return (
    <Figure
      title={`The ring${trace ? ` at ${formatMs(now)}` : ' (before the run)'}`}
      exportName="dynamo-ring"
      className="dyn-ring-figure"
      actions={
        <label className="dyn-key-picker">
          <span>key</span>
          <button type="button" className="quiet" aria-label="Previous key" disabled={key === 0} onClick={() => onKey(key - 1)}>
            −
          </button>
          <input type="number" min={0} max={keys - 1} value={key} aria-label="Selected key" onChange={(e) => Number.isInteger(Number(e.target.value)) && onKey(Math.min(keys - 1, Math.max(0, Number(e.target.value))))} />
          <button type="button" className="quiet" aria-label="Next key" disabled={key >= keys - 1} onClick={() => onKey(key + 1)}>
            +
          </button>
        </label>
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
        {interactive && (
          <div className="dyn-ring-tools" role="group" aria-label="What a click on the ring does">
            <button type="button" aria-pressed={ringMode === 'crash'} className={ringMode === 'crash' ? 'active' : ''} onClick={() => setRingMode('crash')}>
              Click a node: crash / recover
            </button>
            <button type="button" aria-pressed={ringMode === 'partition'} className={ringMode === 'partition' ? 'active' : ''} onClick={() => setRingMode('partition')}>
              Draw a partition
            </button>
            {cluster.partitioned && (
              <button type="button" onClick={() => inject({ at, kind: 'heal' })}>
                Heal the partition
              </button>
            )}
          </div>
        )}
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

function groupsOf(c: ClusterState): number[][] {
  const groups: number[][] = [];
  c.group.forEach((g, n) => {
    if (g < 0) return;
    (groups[g] ??= []).push(n);
  });
  return groups.filter((g) => g.length > 0).slice(0, -1);
}
