import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import { LatticeRows } from './LatticeRows.tsx';
import type { DynamoResult } from '../../../engines/dynamo/engine.ts';
import { balance } from '../../../engines/dynamo/ring/loadBalance.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
import { PagedRows } from '../../../ui/present/PagedRows.tsx';
import type { ReactNode } from 'react';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs, nodeName } from '../names.ts';
import type { MetricsAt } from '../seriesAt.ts';
import { describeFailure } from '../timeline.ts';
import type { StalenessTheory } from '../../../engines/dynamo/measure/theory.ts';
import { AvailabilityPlot, BacklogPlot, KStalenessPlot, LatencyPlot, LoadPlot, VersionsPlot, VisibilityPlot } from './plots.tsx';

interface Props {
  result: DynamoResult;
  config: DynamoConfig;
  at: MetricsAt;
  now: number;
  width: number;
  members: number[];
}

/** Failure periods to shade on time plots: from each crash to its recovery, each partition to its heal. */
function failureBands(result: DynamoResult, config: DynamoConfig) {
  const bands: { from: number; to: number; label: string; short: string }[] = [];
  const open = new Map<string, { from: number; label: string; short: string }>();
  for (const f of result.trace.failures) {
    const spec = config.failures[f.index];
    if (!spec) continue;
    const id = spec.kind === 'crash' || spec.kind === 'recover' ? `node${spec.node}` : spec.kind === 'partition' || spec.kind === 'heal' ? 'partition' : '';
    if (!id) continue;
    if (spec.kind === 'crash' || spec.kind === 'partition') {
      if (!open.has(id)) open.set(id, { from: f.at, label: describeFailure(spec, result.trace.nodes), short: spec.kind === 'crash' ? `${nodeName(spec.node)} down` : 'partitioned' });
    } else {
      const o = open.get(id);
      if (o) bands.push({ from: o.from, to: f.at, label: o.label, short: o.short });
      open.delete(id);
    }
  }
  for (const o of open.values()) bands.push({ from: o.from, to: result.trace.endTime, label: o.label, short: o.short });
  return bands;
}

/** The metric figures, each drawn `w` × `h` (in the order the normal layout shows them). */
function metricFigures(result: DynamoResult, config: DynamoConfig, at: MetricsAt, now: number, members: number[], w: number, h: number, loadWidth: number) {
  const trace = result.trace;
  const s = result.summary;
  const ring = trace.rings[trace.rings.length - 1]!;
  const load = balance(members.map((m) => at.load[m]! / (ring.capacity[m] || 1)));
  return [
    { id: 'availability', label: 'Availability over time', figure: (
      <Figure key="availability" title="Availability over time" exportName="dynamo-availability">
        <AvailabilityPlot width={w - 20} height={h} series={trace.series} now={now} failures={failureBands(result, config)} />
      </Figure>
    ) },
    { id: 'backlog', label: 'Hinted backlog and divergent replicas', figure: (
      <Figure key="backlog" title="Hinted backlog and divergent replicas" exportName="dynamo-backlog">
        <BacklogPlot width={w - 20} height={h} series={trace.series} nodes={trace.nodes} now={now} />
      </Figure>
    ) },
    { id: 'latency', label: 'Latency distribution', figure: (
      <Figure key="latency" title="Latency distribution (up to the cursor)" exportName="dynamo-latency">
        <LatencyPlot width={w - 20} height={h} at={at} />
      </Figure>
    ) },
    { id: 'versions', label: 'Versions per read', figure: (
      <Figure key="versions" title="Versions per read (§6.3)" exportName="dynamo-versions-per-read">
        <VersionsPlot width={w - 20} height={h} at={at} />
      </Figure>
    ) },
    { id: 't-visibility', label: 'Staleness after commit', figure: (
      <Figure key="t-visibility" title="Staleness after commit (t-visibility)" exportName="dynamo-t-visibility">
        <VisibilityPlot width={w - 20} height={h} at={at} series={trace.series} config={config} theory={s.staleness.theory} />
      </Figure>
    ) },
    { id: 'k-staleness', label: 'k-staleness', figure: (
      <Figure key="k-staleness" title="k-staleness" exportName="dynamo-k-staleness">
        <KStalenessPlot width={w - 20} height={h} at={at} theory={s.staleness.theory} />
      </Figure>
    ) },
    { id: 'load', label: 'Load per node', figure: (
      <Figure key="load" title={`Load per node: efficiency ${percent(load.efficiency, 0)}, ${percent(load.outOfBalance, 0)} of nodes more than 15% off the mean`} exportName="dynamo-load">
        <LoadPlot width={loadWidth - 20} height={h} at={at} members={members} total={trace.nodes} />
      </Figure>
    ) },
  ];
}

/** Every measured quantity as a labelled plot that follows the player, then the whole run's exact numbers. */
export function MetricsPanel({ result, config, at, now, width, members }: Props) {
  const half = Math.max(280, Math.floor((width - 12) / 2));
  const wide = width >= 620;
  const w = wide ? half : width;
  const h = Math.round(Math.min(250, Math.max(210, w * 0.42)));
  const figures = metricFigures(result, config, at, now, members, w, h, width);
  return (
    <div className="dyn-metrics">
      <div className={wide ? 'dyn-grid2' : 'dyn-grid1'}>{figures.slice(0, -1).map((f) => f.figure)}</div>
      {figures[figures.length - 1]!.figure}
      <WholeRun result={result} />
    </div>
  );
}

/**
 * The metrics on a projector: one figure (two side by side where the pane is wide) sized to the
 * pane's height, the others and the whole run's numbers one pick away; the pane never scrolls.
 */
export function MetricsSections({ result, config, at, now, width, members }: Props) {
  const pair = width >= 900;
  const w = pair ? Math.floor((width - 12) / 2) : width;
  const sections: PaneSection[] = [];
  const build = (h: number) => metricFigures(result, config, at, now, members, w, h, width);
  const named = build(200);
  const single = named.slice(0, -1);
  for (let i = 0; i < single.length; i += pair ? 2 : 1) {
    const ids = single.slice(i, i + (pair ? 2 : 1)).map((f) => f.id);
    sections.push({
      id: ids.join('+'),
      label: single.slice(i, i + ids.length).map((f) => f.label).join(' · '),
      render: ({ drawing }) => <div className={pair ? 'dyn-grid2' : 'dyn-grid1'}>{build(drawing).filter((f) => ids.includes(f.id)).map((f) => f.figure)}</div>,
    });
  }
  sections.push({ id: 'load', label: 'Load per node', render: ({ drawing }) => build(drawing)[named.length - 1]!.figure });
  // A long table of exact numbers, for reference: as many rows as the pane holds, the others a page away.
  sections.push({
    id: 'whole-run',
    label: 'Whole run, exact',
    render: () => <PagedRows total={wholeRunRows(result).length} noun="rows">{(from, to, pager) => <WholeRun result={result} from={from} to={to} pager={pager} />}</PagedRows>,
  });
  return <PaneSections sections={sections} label="Show" />;
}

/** The whole run's exact numbers (the CLI prints the same): the rows `from` to `to`, all by default. */
function WholeRun({ result, from = 0, to, pager }: { result: DynamoResult; from?: number; to?: number; pager?: ReactNode }) {
  return (
      <table className="data dyn-summary">
        <caption>
          Whole run, exact (the CLI prints the same numbers){pager}
        </caption>
        <tbody>
          {wholeRunRows(result).slice(from, to)}
        </tbody>
      </table>
  );
}

/** The rows of the whole run's table, one a measure (the lattice's rows are one). */
function wholeRunRows(result: DynamoResult): ReactNode[] {
  const s = result.summary;
  return [
    <tr key="availability">
            <th>availability</th>
            <td className="num">{percent(s.availability.overall, 3)}</td>
            <td>reads {percent(s.availability.reads.availability, 2)} of {s.availability.reads.requests.toLocaleString('en-US')}, writes {percent(s.availability.writes.availability, 2)} of {s.availability.writes.requests.toLocaleString('en-US')}</td>
          </tr>,
    <tr key="read latency">
            <th>read latency</th>
            <td className="num">{formatMs(s.latencyMs.read.meanMs)}</td>
            <td>mean; 99th {formatMs(s.latencyMs.read.p99Ms)}, 99.9th {formatMs(s.latencyMs.read.p999Ms)}</td>
          </tr>,
    <tr key="write latency">
            <th>write latency</th>
            <td className="num">{formatMs(s.latencyMs.write.meanMs)}</td>
            <td>mean; 99th {formatMs(s.latencyMs.write.p99Ms)}, 99.9th {formatMs(s.latencyMs.write.p999Ms)}</td>
          </tr>,
    <tr key="stale reads">
            <th>stale reads</th>
            <td className="num">{percent(s.staleness.staleShare, 2)}</td>
            <td>
              of {s.staleness.measuredReads.toLocaleString('en-US')} reads of written keys
              {s.staleness.theory.missProbability !== null &&
                `; PBS predicts ${s.staleness.theory.missIsBound ? 'at most ' : ''}${percent(s.staleness.theory.missProbability, 2)}`}
              {s.staleness.theory.strictQuorum ? ' (R + W > N: a strict quorum)' : ''}
            </td>
          </tr>,
    <TheoryRow key="theory" theory={s.staleness.theory} />,
    s.replicas.lostUpdates.overwrittenByEarlier > 0 && (
            <tr key="overwritten by earlier writes">
              <th>overwritten by earlier writes</th>
              <td className="num">{s.replicas.lostUpdates.overwrittenByEarlier.toLocaleString('en-US')}</td>
              <td>acknowledged writes that lost to a write made before them in real time (timestamps under clock skew)</td>
            </tr>
          ),
    s.replicas.lostUpdates.checked > 0 && (
            <tr key="lost cart adds">
              <th>lost cart adds</th>
              <td className="num">{s.replicas.lostUpdates.lost.toLocaleString('en-US')}</td>
              <td>
                of {s.replicas.lostUpdates.checked.toLocaleString('en-US')} items last added, missing from the reconciled cart at the end
                {s.replicas.lostUpdates.lwwChoices > 0 &&
                  `; last-write-wins chose among siblings ${s.replicas.lostUpdates.lwwChoices.toLocaleString('en-US')} times, ${s.replicas.lostUpdates.lwwEarlierWins.toLocaleString('en-US')} of them keeping the earlier write`}
              </td>
            </tr>
          ),
    <LatticeRows key="lattice" s={s} />,
    <tr key="versions per read">
            <th>versions per read</th>
            <td className="num">{percent(s.versionsPerRead.shares['1'], 3)}</td>
            <td>
              one version; two {percent(s.versionsPerRead.shares['2'], 3)}, three {percent(s.versionsPerRead.shares['3'], 3)}, four or more {percent(s.versionsPerRead.shares['4+'], 3)}
            </td>
          </tr>,
    <tr key="hinted handoff">
            <th>hinted handoff</th>
            <td className="num">{s.hintedHandoff.hintsStored.toLocaleString('en-US')}</td>
            <td>
              hints stored; {s.hintedHandoff.hintsDelivered.toLocaleString('en-US')} handed back; backlog peak {s.hintedHandoff.backlogMax}, at the end {s.hintedHandoff.backlogFinal}
            </td>
          </tr>,
    <tr key="anti-entropy">
            <th>anti-entropy</th>
            <td className="num">{s.antiEntropy.exchanges.toLocaleString('en-US')}</td>
            <td>
              Merkle exchanges; {s.antiEntropy.hashesCompared.toLocaleString('en-US')} hashes compared, {s.antiEntropy.keysSent.toLocaleString('en-US')} keys sent, {s.antiEntropy.keysRepaired.toLocaleString('en-US')} repaired
            </td>
          </tr>,
    <tr key="read repair">
            <th>read repair</th>
            <td className="num">{s.readRepair.repairs.toLocaleString('en-US')}</td>
            <td>stale replicas updated after reads</td>
          </tr>,
    <tr key="membership">
            <th>membership</th>
            <td className="num">{s.membership.keysMoved.toLocaleString('en-US')}</td>
            <td>
              keys moved by {s.membership.ringVersions - 1} ring change{s.membership.ringVersions === 2 ? '' : 's'}; {s.membership.gossipMessages.toLocaleString('en-US')} gossip messages, {s.membership.suspicions} local suspicions, {s.membership.forwards.toLocaleString('en-US')} requests forwarded
              {s.membership.forwardRetries > 0 && `, ${s.membership.forwardRetries.toLocaleString('en-US')} of them again after a lost forward`}
            </td>
          </tr>,
    <tr key="replicas at the end">
            <th>replicas at the end</th>
            <td className="num">{s.replicas.divergentKeysAtEnd.toLocaleString('en-US')}</td>
            <td>
              keys whose replicas differ; of {s.replicas.durability.acknowledged.toLocaleString('en-US')} acknowledged writes
              {s.replicas.durability.audited < s.replicas.durability.acknowledged && ` (an evenly spaced ${s.replicas.durability.audited.toLocaleString('en-US')} audited)`},{' '}
              {s.replicas.durability.fullyReplicated.toLocaleString('en-US')} on all N replicas, {s.replicas.durability.belowW} on fewer than W, {s.replicas.durability.lost} lost
            </td>
          </tr>,
    <tr key="simulation">
            <th>simulation</th>
            <td className="num">{s.simulated.events.toLocaleString('en-US')}</td>
            <td>
              events; {s.simulated.requests.toLocaleString('en-US')} requests, {s.simulated.messages.toLocaleString('en-US')} messages ({s.simulated.droppedMessages.toLocaleString('en-US')} lost) in {formatMs(s.simulated.durationMs)} simulated
              {s.simulated.neverStarted > 0 &&
                `; ${s.simulated.neverStarted.toLocaleString('en-US')} of ${s.simulated.operations.toLocaleString('en-US')} operations still waited for their lane at the end (a key's writer or a closed-loop client busy with an earlier one) and were never sent`}
            </td>
          </tr>
  ].filter((r) => r !== false);
}

/** PBS's prediction with what it assumes, or why none is printed for this run. */
function TheoryRow({ theory }: { theory: StalenessTheory }) {
  if (theory.method === 'none')
    return (
      <tr>
        <th>staleness theory</th>
        <td className="num">none</td>
        <td>PBS's assumptions fail here: {theory.violated.join('; ')}.</td>
      </tr>
    );
  return (
    <tr>
      <th>staleness theory</th>
      <td className="num">{theory.method === 'closed-form' ? 'closed form' : 'WARS'}</td>
      <td>
        {theory.expression}. It assumes:
        <ul className="dyn-assumptions">
          {theory.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
