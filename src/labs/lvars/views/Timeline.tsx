import { scaleBand } from 'd3';
import type { Frame } from '../../../engines/lvars/explore/replay.ts';
import { flowLegend } from '../../../ui/chart/wrap.ts';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { threadLabel, threadTitle } from '../threads.ts';

interface Props {
  frames: Frame[];
  position: number;
  onSeek(position: number): void;
}

const LABEL_W = 120;
const ROW_H = 26;
const LEGEND_FONT = 12;
const LEGEND_ROW = 17;
const LEGEND = [
  { kind: 'moved', label: 'moved (P put · G get · F freeze · H handler · Q quiesce)' },
  { kind: 'ready', label: 'ready' },
  { kind: 'blocked', label: 'blocked' },
] as const;

/** The kind of shared operation, as one letter drawn on the step that performed it. */
function glyph(op: string | undefined): string {
  if (!op) return '';
  if (/^(put|insert|putKey|putFst|putSnd|putAt|bump|bumpAt|modify|pairLeft|pairRight)\(/.test(op)) return 'P';
  if (/^(get|waitElem|getKey|waitKey|getFst|getSnd|waitSize|getAt|waitAt|getMemo)\(/.test(op)) return 'G';
  if (/^(freeze|withCallbacksThenFreeze)/.test(op)) return 'F';
  if (/^(addHandler|newHandler|cartesianProd)\(/.test(op)) return 'H';
  if (/^quiesce\(/.test(op)) return 'Q';
  if (/^(read|write)\(/.test(op)) return op[0]!.toUpperCase();
  return '•';
}

/** One lane per thread; each column is a step of the schedule: who moved, who was ready, blocked or done. */
export function Timeline({ frames, position, onSeek }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const threads = frames[frames.length - 1]?.threads.map((t) => t.id) ?? [];
  const width = Math.max(320, size.width);
  const x = scaleBand<number>()
    .domain(frames.map((_, i) => i))
    .range([LABEL_W, width - 8])
    .paddingInner(0.08);
  // The legend flows onto a second row rather than run past a narrow figure's edge.
  const legend = flowLegend(LEGEND.map((e) => e.label), width - 16, LEGEND_FONT, 11);
  const top = 22 + (legend.rows - 1) * LEGEND_ROW;
  const height = top + 8 + threads.length * ROW_H + 22;
  const bw = x.bandwidth();
  const tick = Math.max(1, Math.ceil(frames.length / Math.max(1, Math.floor((width - LABEL_W) / 40))));

  return (
    <div ref={box} className="lv-timeline">
      <svg width={width} height={height} role="img" aria-label="Thread timeline">
        <g transform={`translate(0,${top})`}>
          {threads.map((id, row) => (
            <g key={id} transform={`translate(0,${row * ROW_H})`}>
              <text x={LABEL_W - 8} y={ROW_H / 2} dy="0.35em" textAnchor="end" className="lane-label">
                <title>{threadTitle(id)}</title>
                {threadLabel(id)}
              </text>
              <line x1={LABEL_W} x2={width - 8} y1={ROW_H / 2} y2={ROW_H / 2} className="lane-line" />
              {frames.map((f, i) => {
                const t = f.threads.find((s) => s.id === id);
                if (!t) return null;
                const moved = f.thread === id;
                const cls = moved ? 'cell moved' : `cell ${t.status}`;
                if (t.status === 'done' && !moved) return null;
                return (
                  <g key={i} className={cls} onClick={() => onSeek(i)}>
                    <title>{`Step ${i}: ${moved ? `${threadLabel(id)} ${f.op ?? 'started'}` : `${threadLabel(id)} ${t.status}${t.op ? `, at ${t.op}` : ''}`}`}</title>
                    <rect x={x(i)} y={4} width={bw} height={ROW_H - 8} rx={Math.min(4, bw / 3)} />
                    {moved && bw >= 11 && (
                      <text x={x(i)! + bw / 2} y={ROW_H / 2} dy="0.35em" textAnchor="middle" className="glyph">
                        {glyph(f.op)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          ))}
          <rect className="now" x={(x(position) ?? LABEL_W) - 2} y={0} width={bw + 4} height={threads.length * ROW_H} rx={3} />
        </g>
        <g className="axis" transform={`translate(0,${top + threads.length * ROW_H + 14})`}>
          {frames.map((_, i) =>
            i % tick === 0 ? (
              <text key={i} x={x(i)! + bw / 2} textAnchor="middle">
                {i}
              </text>
            ) : null,
          )}
        </g>
        <g className="legend" transform="translate(8,12)">
          {LEGEND.map((entry, i) => (
            <g key={entry.kind} transform={`translate(${legend[i]!.x},${legend[i]!.row * LEGEND_ROW})`}>
              <rect className={`swatch ${entry.kind}`} width={11} height={11} y={-9} rx={2} />
              <text x={15}>{entry.label}</text>
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
