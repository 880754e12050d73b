import { useState } from 'react';
import { Figure } from '../../../ui/Figure.tsx';
import { PagedRows, Pager } from '../../../ui/present/PagedRows.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
import { formatMs, keyName } from '../names.ts';
import { keyHistory } from '../replicaState.ts';
import { HeldTable, NoVersions, ReadsTable, SHOWN_VERSIONS, VersionDrawing, versionsThatFit, type HistoryProps, type VersionGraphProps } from './VersionGraph.tsx';

interface Props extends VersionGraphProps {
  now: number;
}

/**
 * A key's versions on a projector, one part at a time sized to the pane: first the reads and what
 * the client made of them (the cart's merge bringing a deleted item back is the point of the
 * paper's §4.4), then the version graph, then which replica holds what; the others one pick away.
 */
export function VersionSections({ trace, config, position, selectedKey, width, now }: Props) {
  const history = keyHistory(trace, selectedKey, position);
  if (history.versions.length === 0) return <NoVersions selectedKey={selectedKey} />;
  const parts: HistoryProps = { history, config, nodes: trace.nodes, selectedKey };
  const key = keyName(selectedKey);
  const sections: PaneSection[] = [
    {
      id: 'reads',
      label: `Reads of ${key}: what the merge returns`,
      render: () => <PagedRows total={history.reads.length} noun="reads" fromEnd>{(from, to, pager) => <ReadsTable {...parts} from={from} to={to} pager={pager} />}</PagedRows>,
    },
    {
      id: 'graph',
      label: `Version graph of ${key}`,
      render: ({ drawing }) => <GraphSection parts={parts} width={width} height={drawing} title={`Versions of ${key} up to ${formatMs(now)}`} />,
    },
    {
      id: 'replicas',
      label: `Replicas of ${key} now`,
      render: () => <PagedRows total={history.held.length} noun="replicas">{(from, to, pager) => <HeldTable {...parts} from={from} to={to} pager={pager} />}</PagedRows>,
    },
  ];
  // With no read of the key yet, the graph is what there is to see.
  return <PaneSections sections={sections} label="Show" initial={history.reads.length === 0 ? 'graph' : undefined} />;
}

/** The version graph with as many of the latest versions as the pane holds, the earlier ones a page away. */
function GraphSection({ parts, width, height, title }: { parts: HistoryProps; width: number; height: number; title: string }) {
  const total = parts.history.versions.length;
  const [end, setEnd] = useState<number>();
  const last = Math.min(total, end ?? total);
  // At most as many as the normal layout draws (the latest dozen), fewer where the pane is short.
  const count = versionsThatFit(parts, width - 24, last, SHOWN_VERSIONS, height);
  const pager = count < total && <Pager from={last - count} to={last} total={total} noun="versions" onPage={(first) => setEnd(Math.min(total, first + count))} />;
  return (
    <Figure title={title} exportName="dynamo-versions" actions={pager}>
      <VersionDrawing {...parts} width={width - 24} end={last} count={count} keyBeside />
    </Figure>
  );
}
