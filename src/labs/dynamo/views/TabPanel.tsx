import { Figure } from '../../../ui/Figure.tsx';
import type { Frame } from '../frame.ts';
import { formatMs, keyName } from '../names.ts';
import { TABS, type DynamoTab, type DynamoView } from '../scenario.ts';
import { ComparePanel, CompareSections } from './ComparePanel.tsx';
import { LatencyPanel, LatencySections } from './LatencyPanel.tsx';
import { MessagesPane } from './MessagesPane.tsx';
import { MetricsPanel, MetricsSections } from './MetricsPanel.tsx';
import { PartitioningPanel, PartitioningSections } from './PartitioningPanel.tsx';
import { VersionGraph } from './VersionGraph.tsx';
import { LatticeSections, LatticeStates } from './LatticeStates.tsx';
import { VersionSections } from './VersionSections.tsx';

export const TAB_TITLES: Record<DynamoTab, string> = {
  messages: 'Messages',
  versions: 'Versions',
  metrics: 'Metrics',
  latency: 'Latency',
  partitioning: 'Partitioning',
  compare: 'Compare',
};

export interface TabsProps {
  frame: Frame;
  view: DynamoView;
  width: number;
  running: boolean;
  setView(patch: Partial<DynamoView>): void;
  /** On a projector: a pane with more figures than a screen holds shows them in sections (PaneSections). */
  present?: boolean;
}

/** The views beside the ring, one tab each: messages, versions, metrics, latency, partitioning, compare. */
export function DynamoTabs({ frame, view, width, running, setView }: TabsProps) {
  const { config } = frame;
  return (
    <>
      <div role="tablist" aria-label="Views" className="dyn-tabs">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={view.tab === t} className={view.tab === t ? 'active' : ''} onClick={() => setView({ tab: t })}>
            {TAB_TITLES[t]}
            {t === 'compare' && config.compare.length > 0 ? ` (${config.compare.length + 1})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TAB_TITLES[view.tab]} className="dyn-tabpanel">
        <TabBody frame={frame} view={view} width={width} running={running} setView={setView} />
      </div>
    </>
  );
}

/** One tab's views (presentation mode shows them as panes of their own). */
export function TabBody({ frame, view, width, running, setView, present = false }: TabsProps) {
  const { trace, result, at, config, now, position, key } = frame;
  if (!trace || !result || !at)
    return <p className="dyn-empty">{running ? 'Simulating…' : 'Run the simulation to see messages, versions and metrics. The ring on the left is the one this scenario starts from.'}</p>;
  switch (view.tab) {
    case 'messages':
      return <MessagesPane trace={trace} config={config} position={position} width={width} selectedKey={key} now={now} background={view.background} onBackground={(background) => setView({ background })} present={present} />;
    case 'versions':
      if (present)
        return result.summary.lattice ? (
          <LatticeSections trace={trace} config={config} position={position} selectedKey={key} />
        ) : (
          <VersionSections trace={trace} config={config} position={position} selectedKey={key} width={width} now={now} />
        );
      return (
        <Figure title={`${result.summary.lattice ? 'Lattice states' : 'Versions'} of ${keyName(key)} up to ${formatMs(now)}`} exportName="dynamo-versions">
          {result.summary.lattice ? (
            <LatticeStates trace={trace} config={config} position={position} selectedKey={key} />
          ) : (
            <VersionGraph trace={trace} config={config} position={position} selectedKey={key} width={width - 24} />
          )}
        </Figure>
      );
    case 'metrics': {
      const props = { result, config, at, now, width: width - 4, members: trace.rings[frame.cluster.ring]!.members };
      return present ? <MetricsSections {...props} /> : <MetricsPanel {...props} />;
    }
    case 'latency': {
      const props = { summary: result.summary, config, now, width: width - 4, nodes: trace.nodes };
      return present ? <LatencySections {...props} /> : <LatencyPanel {...props} />;
    }
    case 'partitioning':
      return present ? <PartitioningSections summary={result.summary} config={config} width={width - 4} /> : <PartitioningPanel summary={result.summary} config={config} width={width - 4} />;
    case 'compare':
      return present ? <CompareSections summary={result.summary} config={config} width={width - 4} /> : <ComparePanel summary={result.summary} config={config} width={width - 4} />;
  }
}
