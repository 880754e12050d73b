import * as d3 from 'd3';
import { Fragment } from 'react';
import type { DynamoConfig, LatticeKind } from '../../../engines/dynamo/config.ts';
import { LATTICE_NAMES } from '../../../engines/dynamo/versioning/lattice/kinds.ts';
import type { DynamoSummary, VariantResult } from '../../../engines/dynamo/measure/summary.ts';
import { variantResult } from '../../../engines/dynamo/measure/summary.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { PagedRows } from '../../../ui/present/PagedRows.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs } from '../names.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import type { LegendItem } from '../../../ui/chart/Legend.tsx';
import { Mark, MarkIcon, OKABE_ITO, seriesStyle } from '../../../ui/chart/palette.tsx';


// What the values do (siblings, lost updates, deletions) comes right after availability: it is what a value-type comparison is about.
interface Column {
  title: string;
  optional: boolean;
  value(r: VariantResult): number;
  show(r: VariantResult): string;
  /** Shown only where it is what the comparison is about. */
  relevant?(config: DynamoConfig, runs: VariantResult[]): boolean;
}

const COLUMNS: Column[] = [
  { title: 'availability', optional: false, value: (r) => r.availability, show: (r) => percent(r.availability, 2) },
  { title: 'reads with siblings', optional: true, value: (r) => r.multiVersionReadShare, show: (r) => percent(r.multiVersionReadShare, 2) },
  { title: 'lost updates', optional: true, value: (r) => r.lostUpdates, show: (r) => String(r.lostUpdates) },
  {
    title: 'deletions back',
    optional: true,
    value: (r) => r.removals,
    show: (r) => `${r.resurrected} of ${r.removals}`,
  },
  {
    title: 'threshold reads: mean · timed out',
    optional: true,
    value: (r) => r.thresholdReads,
    show: (r) => (r.thresholdReads === 0 ? '—' : `${formatMs(r.thresholdMeanMs)} · ${r.thresholdTimedOut} of ${r.thresholdReads}`),
  },
  { title: 'read mean · p99.9', optional: false, value: (r) => r.readLatencyMs.mean, show: (r) => `${formatMs(r.readLatencyMs.mean)} · ${formatMs(r.readLatencyMs.p999)}` },
  { title: 'write mean · p99.9', optional: false, value: (r) => r.writeLatencyMs.mean, show: (r) => `${formatMs(r.writeLatencyMs.mean)} · ${formatMs(r.writeLatencyMs.p999)}` },
  {
    title: 'read your writes',
    optional: true,
    value: (r) => (Number.isFinite(r.readYourWrites) ? 1 - r.readYourWrites : 0),
    show: (r) => (Number.isFinite(r.readYourWrites) ? percent(r.readYourWrites, 2) : '—'),
    relevant: (config, runs) => config.coordination.writeCoordinator !== 'routed' || runs.some((r) => r.set.writeCoordinator !== undefined),
  },
  {
    title: 'stale reads (PBS)',
    optional: true,
    value: (r) => r.staleShare + (r.missProbability ?? 0),
    show: (r) => `${percent(r.staleShare, 2)} (${predicted(r)})`,
  },
  { title: 'hints', optional: true, value: (r) => r.hintsStored, show: (r) => r.hintsStored.toLocaleString('en-US') },
  { title: 'keys moved', optional: true, value: (r) => r.keysMoved, show: (r) => r.keysMoved.toLocaleString('en-US') },
  { title: 'divergent at end', optional: true, value: (r) => r.divergentKeysAtEnd, show: (r) => r.divergentKeysAtEnd.toLocaleString('en-US') },
  { title: 'lost writes', optional: true, value: (r) => r.lostWrites, show: (r) => String(r.lostWrites) },
];

/** A run's value type in words: vector clocks, or the lattice's name. */
const valuesName = (v: string): string => (v in LATTICE_NAMES ? `${LATTICE_NAMES[v as LatticeKind]} lattice` : v);

/** PBS's figure for a run: exact, an upper bound (≤), or none where its assumptions fail. */
function predicted(r: VariantResult): string {
  if (r.missProbability === null) return 'no theory';
  return `${r.missIsBound ? '≤ ' : ''}${percent(r.missProbability, 1)}`;
}

/** The base run and its variants side by side: same seed, same workload, one change each. */
export function ComparePanel({ summary, config, width }: Props) {
  const c = compared(summary, config);
  if (!c) return <NoVariants />;
  const w = Math.max(300, width - 20);
  const h = Math.round(Math.min(300, Math.max(220, w * 0.42)));
  return (
    <div className="dyn-compare">
      <div className="dyn-table-scroll">
        <RunsTable {...c} width={width} />
      </div>
      <LatencyFigure runs={c.runs} width={w} height={h} />
      <StalenessFigure runs={c.runs} config={config} width={w} height={h} />
    </div>
  );
}

interface Props {
  summary: DynamoSummary;
  config: DynamoConfig;
  width: number;
}

/**
 * The comparison on a projector: the table (as many of its rows as the pane holds, the others a
 * page away), the latency chart and the staleness chart, one at a time.
 */
export function CompareSections({ summary, config, width }: Props) {
  const c = compared(summary, config);
  if (!c) return <NoVariants />;
  const w = Math.max(300, width - 20);
  const across = width < RUN_COLUMN + c.columns.length * MEASURE_COLUMN;
  const sections: PaneSection[] = [
    {
      id: 'table',
      label: 'The runs compared',
      render: () => (
        <PagedRows total={across ? c.columns.length : c.runs.length} noun={across ? 'measures' : 'runs'}>
          {(from, to, pager) => (
            <>
              {pager && <p className="dyn-note">{pager}</p>}
              <RunsTable {...c} width={width} from={from} to={to} />
            </>
          )}
        </PagedRows>
      ),
    },
    { id: 'latency', label: 'Latency: mean and 99.9th percentile', render: ({ drawing }) => <LatencyFigure runs={c.runs} width={w} height={drawing} /> },
    { id: 'staleness', label: 'Staleness per run', render: ({ drawing }) => <StalenessFigure runs={c.runs} config={config} width={w} height={drawing} /> },
  ];
  return <PaneSections sections={sections} label="Show" />;
}

function NoVariants() {
  return (
    <p className="dyn-empty">
      No variants yet. Add one under <strong>Compare</strong> in the settings (say, R = 1) and run: every variant replays the same workload with the same seed, so the
      differences are the change’s alone.
    </p>
  );
}

/** The runs compared (the scenario first) and the measures worth a column; none without variants. */
function compared(summary: DynamoSummary, config: DynamoConfig) {
  if (summary.variants.length === 0) return undefined;
  const runs: VariantResult[] = [variantResult('this scenario', {}, summary), ...summary.variants];
  // Columns that are zero for every run say nothing: they are left out.
  const columns = COLUMNS.filter((c) => (!c.optional || runs.some((r) => c.value(r) !== 0)) && (c.relevant?.(config, runs) ?? true));
  return { runs, columns };
}

/** The table: a row per run where the pane is wide enough for every measure, else a column per run; the rows `from` to `to`. */
function RunsTable({ runs, columns, width, from = 0, to }: { runs: VariantResult[]; columns: Column[]; width: number; from?: number; to?: number }) {
  return width < RUN_COLUMN + columns.length * MEASURE_COLUMN ? <RunsAcross runs={runs} columns={columns.slice(from, to)} /> : <RunsDown runs={runs.slice(from, to)} columns={columns} first={from} />;
}

function LatencyFigure({ runs, width, height }: { runs: VariantResult[]; width: number; height: number }) {
  return (
    <Figure title="Latency: mean and 99.9th percentile" exportName="dynamo-compare-latency">
      <LatencyBars runs={runs} width={width} height={height} />
    </Figure>
  );
}

function StalenessFigure({ runs, config, width, height }: { runs: VariantResult[]; config: DynamoConfig; width: number; height: number }) {
  const probes = config.workload.probeDelaysMs.length > 0;
  return (
    <Figure title={probes ? 'Staleness after commit (t-visibility), per run' : 'Stale reads, per run, against PBS where it holds'} exportName="dynamo-compare-staleness">
      {probes ? <VisibilityLines runs={runs} width={width} height={height} /> : <StaleBars runs={runs} width={width} height={height} />}
    </Figure>
  );
}

/** About how wide the table's columns need to be (px): the run's name, and one measure. */
const RUN_COLUMN = 150;
const MEASURE_COLUMN = 95;


/** A run's name with its mark (the same colour and shape as in the charts below) and its value type. */
function RunName({ run, i }: { run: VariantResult; i: number }) {
  return (
    <>
      <MarkIcon category={seriesStyle(i)} size={14} />
      {run.label}
      {valuesName(run.values) !== run.label && <span className="dyn-run-values">{valuesName(run.values)}</span>}
    </>
  );
}

/** A row per run, a column per measure: for a pane wide enough for every measure. */
function RunsDown({ runs, columns, first }: { runs: VariantResult[]; columns: Column[]; first: number }) {
  return (
    <table className="data dyn-compare-table">
      <thead>
        <tr>
          <th>run</th>
          {columns.map((c) => (
            <th key={c.title} className="num">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((r, i) => (
          <tr key={r.label}>
            <td className="dyn-run-label">
              <RunName run={r} i={first + i} />
            </td>
            {columns.map((c) => (
              <td key={c.title} className="num">
                <CellParts text={c.show(r)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A column per run, a row per measure: a narrow pane (the settings beside it) still shows every measure uncut. */
function RunsAcross({ runs, columns }: { runs: VariantResult[]; columns: Column[] }) {
  return (
    <table className="data dyn-compare-table">
      <thead>
        <tr>
          <th>measure</th>
          {runs.map((r, i) => (
            <th key={r.label} className="dyn-run-label">
              <RunName run={r} i={i} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.title}>
            <th scope="row">{c.title}</th>
            {runs.map((r) => (
              <td key={r.label} className="num">
                <CellParts text={c.show(r)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A cell's value in parts that break between them, never inside: "6.8 ms · 12 ms" and
 * "14.29% (no theory)" take two lines where the table would otherwise pass the pane's width.
 */
function CellParts({ text }: { text: string }) {
  const parts = text.split(/ (?=· |\()/);
  // The space between parts sits between the boxes: inside an inline-block it would be dropped at the line's start ("6.8 ms· 12 ms").
  return parts.map((p, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className="dyn-cell-part">{p}</span>
    </Fragment>
  ));
}

function LatencyBars({ runs, width, height }: { runs: VariantResult[]; width: number; height: number }) {
  const legend: LegendItem[] = runs.map((r, i) => ({ label: r.label, color: seriesStyle(i).color, shape: seriesStyle(i).shape, box: true }));
  const { w, h } = inner(width, height, legend);
  const groups = ['read mean', 'read p99.9', 'write mean', 'write p99.9'];
  const value = (r: VariantResult, g: number) => [r.readLatencyMs.mean, r.readLatencyMs.p999, r.writeLatencyMs.mean, r.writeLatencyMs.p999][g]!;
  const top = Math.max(1, ...runs.flatMap((r) => groups.map((_, g) => value(r, g))).filter(Number.isFinite));
  const x = d3.scaleLinear().domain([0, groups.length]).range([0, w]);
  const y = d3.scaleLinear().domain([0, top]).nice().range([h, 0]);
  const bw = (w / groups.length) * 0.8 / runs.length;
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="" yLabel="latency (ms)" xTicks={groups.map((_, g) => g + 0.5)} xFormat={(v) => groups[Math.floor(v)] ?? ''} label="Latency per run" legend={legend}>
      {groups.map((_, g) =>
        runs.map((r, i) => {
          const v = value(r, g);
          if (!Number.isFinite(v)) return null;
          return (
            <g key={`${g}-${i}`}>
              <rect x={x(g) + (w / groups.length) * 0.1 + i * bw} width={bw * 0.9} y={y(v)} height={h - y(v)} fill={seriesStyle(i).color}>
                <title>{`${r.label}: ${groups[g]} ${formatMs(v)}`}</title>
              </rect>
              <Mark category={seriesStyle(i)} x={x(g) + (w / groups.length) * 0.1 + i * bw + bw * 0.45} y={y(v) - 7} />
            </g>
          );
        }),
      )}
    </Chart>
  );
}

function StaleBars({ runs, width, height }: { runs: VariantResult[]; width: number; height: number }) {
  const legend: LegendItem[] = [{ label: 'PBS, where its assumptions hold', color: OKABE_ITO.vermillion, dashed: true }];
  const { w, h } = inner(width, height, legend);
  const x = d3.scaleLinear().domain([0, runs.length]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(0.05, ...runs.map((r) => Math.max(r.staleShare, r.missProbability ?? 0)))]).nice().range([h, 0]);
  const bw = (w / runs.length) * 0.5;
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="" yLabel="stale reads" xTicks={runs.map((_, i) => i + 0.5)} xFormat={(v) => runs[Math.floor(v)]?.label ?? ''} yFormat={(v) => percent(v, 0)} label="Stale reads per run" legend={legend}>
      {runs.map((r, i) => (
        <g key={r.label}>
          <rect x={x(i + 0.5) - bw / 2} width={bw} y={y(r.staleShare)} height={h - y(r.staleShare)} fill={seriesStyle(i).color}>
            <title>{`${r.label}: ${percent(r.staleShare, 2)} stale; PBS: ${predicted(r)}`}</title>
          </rect>
          <Mark category={seriesStyle(i)} x={x(i + 0.5)} y={y(r.staleShare) - 7} />
          {r.missProbability !== null && (
            <line x1={x(i + 0.5) - bw / 2 - 6} x2={x(i + 0.5) + bw / 2 + 6} y1={y(r.missProbability)} y2={y(r.missProbability)} className="dyn-theory" />
          )}
        </g>
      ))}
    </Chart>
  );
}

function VisibilityLines({ runs, width, height }: { runs: VariantResult[]; width: number; height: number }) {
  const legend: LegendItem[] = runs.map((r, i) => ({ label: r.label, color: seriesStyle(i).color, shape: seriesStyle(i).shape, dash: seriesStyle(i).dash }));
  const { w, h } = inner(width, height, legend);
  const maxX = Math.max(1, ...runs.flatMap((r) => r.tVisibility.map((p) => p.fromMs)));
  const lowest = Math.min(1, ...runs.flatMap((r) => r.tVisibility.filter((p) => p.reads > 0).map((p) => p.consistent)));
  const x = d3.scaleSymlog().constant(1).domain([0, maxX]).range([0, w]) as unknown as d3.ScaleLinear<number, number>;
  const y = d3.scaleLinear().domain([Math.max(0, lowest - 0.05), 1]).nice().range([h, 0]);
  const ticks = runs[0]!.tVisibility.map((p) => p.fromMs);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="time after commit (ms)" yLabel="P(read sees the latest write)" xTicks={ticks} xFormat={(v) => String(v)} yFormat={(v) => percent(v, 0)} label="t-visibility per run" legend={legend}>
      {runs.map((r, i) => {
        const pts = r.tVisibility.filter((p) => p.reads > 0);
        return (
          <g key={r.label}>
            <path d={d3.line<(typeof pts)[number]>().x((p) => x(p.fromMs)).y((p) => y(p.consistent))(pts) ?? ''} fill="none" stroke={seriesStyle(i).color} strokeWidth={2.5} strokeDasharray={seriesStyle(i).dash || undefined} />
            {pts.map((p) => (
              <Mark key={p.fromMs} category={seriesStyle(i)} x={x(p.fromMs)} y={y(p.consistent)} title={`${r.label}: ${percent(p.consistent, 2)} at ${p.fromMs} ms (${p.reads} reads)`} />
            ))}
          </g>
        );
      })}
    </Chart>
  );
}
