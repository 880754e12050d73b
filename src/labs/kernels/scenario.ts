import type { KernelsConfig } from '../../engines/kernels/api.ts';
import { bool, int, list, literal, object, optional, record, num, str, type Schema } from '../../scenario/schema.ts';
import type { LabScenarioSpec, Scenario } from '../../scenario/types.ts';

/**
 * The kernels lab's scenario: the program, the sizes, the backends to time, and where the views
 * stand. An image of the user's own travels only as its name and SHA-256 (the pixels stay in this
 * browser's IndexedDB, as the solver lab does with network files); built-in images by name.
 */
export interface ImageRef {
  width: number;
  height: number;
  builtin?: string;
  file?: { name: string; sha256: string };
}

/** The engine's config as a link carries it: never pixels, an image file by name and hash. */
export type KernelsScenarioConfig = Omit<KernelsConfig, 'image'> & { image?: ImageRef };

export interface KernelsView {
  /** A run was shown: opening the scenario runs it again (its answers are the same; its times are measured anew). */
  ran: boolean;
  /** The Domain IR node selected (shown in the editor and in both graphs), or −1. */
  selected: number;
  /** The iteration slider's position (an index into the recorded frames). */
  frame: number;
  /** Which generated code is shown. */
  code: 'js' | 'wgsl';
  /** The speed-up chart by array size or by worker count. */
  chart: 'size' | 'workers';
  /** Presentation mode shows one big view beside the program: this one. */
  focus: 'graph' | 'code' | 'speed' | 'images';
}

/** The largest 1-D size a link may ask for (the naive backend allocates a temporary of this size per operation). */
export const MAX_SIZE = 20_000_000;
export const MAX_IMAGE = 4096;

const side = int({ min: 1, max: MAX_IMAGE });
const builtinImage = object({ width: side, height: side, builtin: str({ max: 40, pattern: /^[a-z][a-z0-9-]*$/ }) });
const fileImage = object({
  width: side,
  height: side,
  file: object({ name: str({ max: 200 }), sha256: str({ pattern: /^[0-9a-f]{64}$/ }) }),
});
/** A built-in image by name, or the user's own by name and SHA-256; a field `pixels` is refused as unknown. */
const image: Schema<ImageRef> = {
  parse: (value, path = '') =>
    typeof value === 'object' && value !== null && Object.hasOwn(value, 'file') ? fileImage.parse(value, path) : builtinImage.parse(value, path),
};
const backend = literal('naive', 'fused', 'parallel', 'wasm', 'webgpu');
const sizes = list(int({ min: 1, max: MAX_SIZE }), { max: 12 });

export const spec: LabScenarioSpec<KernelsScenarioConfig, KernelsView> = {
  lab: 'kernels',
  config: object({
    source: str({ max: 50_000 }),
    size: int({ min: 1, max: MAX_SIZE }),
    image: optional<ImageRef | undefined>(image, undefined),
    params: optional(record(num({ min: -1e9, max: 1e9 }), { max: 32, key: /^[A-Za-z_]\w*$/ }), {}),
    backends: list(backend, { min: 1, max: 5 }),
    workers: int({ min: 1, max: 64 }),
    repeats: int({ min: 1, max: 50 }),
    sweep: optional<KernelsScenarioConfig['sweep']>(
      object({ sizes: optional(sizes, []), workers: optional(list(int({ min: 1, max: 64 }), { max: 12 }), []) }),
      undefined,
    ),
    frames: optional(int({ min: 2, max: 64 }), 6),
  }),
  view: object({
    ran: optional(bool(), false),
    selected: optional(int({ min: -1 }), -1),
    frame: optional(int({ min: 0 }), 0),
    code: optional(literal('js', 'wgsl'), 'js'),
    chart: optional(literal('size', 'workers'), 'size'),
    focus: optional(literal('graph', 'code', 'speed', 'images'), 'graph'),
  }),
};

export const defaultView: KernelsView = { ran: false, selected: -1, frame: 0, code: 'js', chart: 'size', focus: 'graph' };

/** ParallelAccelerator's Black-Scholes, as on the slide (ECOOP'17, figure 1). */
export const BLACK_SCHOLES = `# Black-Scholes, as on the ParallelAccelerator slide.
# Each dot operator is an array operation: plain array
# code allocates a temporary array for every one of them;
# @acc fuses them all into one parallel loop.
@acc function blackscholes(sptprice, strike, rate, volatility, time)
    logterm = log10(sptprice ./ strike)
    powterm = .5 .* volatility .* volatility
    den = volatility .* sqrt(time)
    d1 = (((rate .+ powterm) .* time) .+ logterm) ./ den
    d2 = d1 .- den
    NofXd1 = 0.5 .+ 0.5 .* erf(0.707106781 .* d1)
    NofXd2 = 0.5 .+ 0.5 .* erf(0.707106781 .* d2)
    futureValue = strike .* exp(- rate .* time)
    c1 = futureValue .* NofXd2
    call = sptprice .* NofXd1 .- c1
    put = call .- futureValue .+ sptprice
    return call, put
end
`;

export const defaultScenario: Scenario<KernelsScenarioConfig, KernelsView> = {
  version: 1,
  lab: 'kernels',
  title: 'Black-Scholes: fused and parallel',
  seed: 1,
  config: {
    source: BLACK_SCHOLES,
    size: 1_000_000,
    params: {},
    backends: ['naive', 'fused', 'parallel', 'wasm', 'webgpu'],
    workers: 2,
    repeats: 3,
    sweep: { sizes: [100_000, 1_000_000], workers: [1, 2] },
    frames: 6,
  },
  view: defaultView,
};
