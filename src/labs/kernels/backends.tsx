import * as d3 from 'd3';
import type { BackendId } from '../../engines/kernels/api.ts';
import { OKABE_ITO } from '../../ui/chart/palette.tsx';

/**
 * How each backend is drawn everywhere in the lab: an Okabe-Ito colour (safe for the common
 * colour-vision deficiencies) and, as the second cue, a marker shape and a name written beside it.
 */
export interface BackendStyle {
  id: BackendId;
  name: string;
  /** What the backend does, in one line (table tooltips, the legend). */
  description: string;
  color: string;
  symbol: d3.SymbolType;
}

export const BACKENDS: readonly BackendStyle[] = [
  { id: 'naive', name: 'naive', description: 'one pass and one new array per operation, as plain array code runs', color: OKABE_ITO.black, symbol: d3.symbolDiamond },
  { id: 'fused', name: 'fused', description: 'one pass per parfor over typed arrays, no temporaries, one worker', color: OKABE_ITO.blue, symbol: d3.symbolCircle },
  { id: 'parallel', name: 'parallel', description: 'the fused loops split over workers sharing one SharedArrayBuffer', color: OKABE_ITO.vermillion, symbol: d3.symbolSquare },
  { id: 'wasm', name: 'WASM', description: 'the fused loops as WebAssembly (two elements per f64x2 step) on the same workers and shared memory', color: OKABE_ITO.reddishPurple, symbol: d3.symbolStar },
  { id: 'webgpu', name: 'WebGPU', description: 'the fused loops as WGSL compute shaders (float32)', color: OKABE_ITO.bluishGreen, symbol: d3.symbolTriangle },
];

export const backendStyle = (id: BackendId): BackendStyle => BACKENDS.find((b) => b.id === id)!;

/** The ideal line (linear scaling) and other reference marks. */
export const IDEAL_COLOR = '#6b7280';

/** A backend's marker, centred on (x, y); `size` is the symbol's area in square pixels. */
export function BackendMarker({ id, x = 0, y = 0, size = 64 }: { id: BackendId; x?: number; y?: number; size?: number }) {
  const style = backendStyle(id);
  return <path d={d3.symbol(style.symbol, size)() ?? ''} transform={`translate(${x},${y})`} fill={style.color} stroke="#fff" strokeWidth={1} />;
}

/** The marker as a small inline SVG, for tables and legends in HTML. */
export function BackendSwatch({ id }: { id: BackendId }) {
  return (
    <svg width={14} height={14} viewBox="-7 -7 14 14" aria-hidden="true" className="kn-swatch">
      <BackendMarker id={id} size={70} />
    </svg>
  );
}
