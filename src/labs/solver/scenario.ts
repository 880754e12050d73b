import { MAX_WORKERS, type NetworkRef, type SolverConfig } from '../../engines/solver/config.ts';
import { bool, int, list, literal, num, object, optional, str, variant, type Schema } from '../../scenario/schema.ts';
import type { LabScenarioSpec, Scenario } from '../../scenario/types.ts';

/**
 * The solver lab's scenario: the engine's config (network, property, strategy, budget) and where
 * the views stand. A network opened from a file travels only as its name and SHA-256; small ones
 * are inlined as .nnet text so the link carries them whole.
 */
export interface SliceSettings {
  /** Inputs on the horizontal and vertical axes. */
  x: number;
  y: number;
  /** Values of the other inputs, in the property's units; empty: the counterexample, or the box centre. */
  fixed: number[];
  /** Show the whole input range, or zoom to the property's box. */
  zoom: 'box' | 'full';
}

export interface SolverView {
  /** A run was shown: opening the scenario re-runs it (deterministically) and seeks to `position`. */
  ran: boolean;
  /** The shown run ran out of time at this budget check: the re-run stops at the same one (0: it did not). */
  checkpoints: number;
  position: number;
  /** The selected tree node, or −1. */
  selected: number;
  layout: 'auto' | 'tree' | 'icicle';
  slice: SliceSettings;
}

/** The longest property a scenario (and so autosave and a link) carries, in characters. */
export const PROPERTY_LIMIT = 100_000;

/** Inline networks up to this many characters of .nnet text (larger ones become file references). */
export const INLINE_LIMIT = 40_000;

const hidden = list(int({ min: 1, max: 512 }), { min: 1, max: 8 });

const network: Schema<NetworkRef> = variant('kind', {
  generated: object({
    kind: literal('generated'),
    spec: object({
      preset: literal('random', 'mini-acas'),
      seed: int({ min: 0, max: 0xffffffff }),
      hidden,
      activation: literal('relu', 'sigmoid', 'tanh'),
      inputs: optional(int({ min: 1, max: 64 }), 2),
      outputs: optional(int({ min: 1, max: 64 }), 2),
    }),
  }),
  inline: object({ kind: literal('inline'), name: str({ max: 200 }), text: str({ max: INLINE_LIMIT }) }),
  file: object({
    kind: literal('file'),
    name: str({ max: 200 }),
    format: literal('nnet', 'onnx'),
    sha256: str({ pattern: /^[0-9a-f]{64}$/ }),
    size: int({ min: 0 }),
  }),
}) as Schema<NetworkRef>;

export const spec: LabScenarioSpec<SolverConfig, SolverView> = {
  lab: 'solver',
  config: object({
    network,
    property: str({ max: PROPERTY_LIMIT }),
    units: literal('network', 'original'),
    strategy: literal('reluplex', 'symbolic', 'interval', 'bab', 'auto'),
    timeoutSeconds: num({ min: 1, max: 3600 }),
    attack: optional(bool(), true),
    splitThreshold: optional(int({ min: 1, max: 1000 }), 5),
    tightening: optional(literal('interval', 'symbolic'), 'symbolic'),
    workers: optional(int({ min: 1, max: MAX_WORKERS }), 1),
  }),
  view: object({
    ran: optional(bool(), false),
    checkpoints: optional(int({ min: 0 }), 0),
    position: optional(int({ min: 0 }), 0),
    selected: optional(int({ min: -1 }), -1),
    layout: optional(literal('auto', 'tree', 'icicle'), 'auto'),
    slice: optional(
      object({
        x: int({ min: 0, max: 63 }),
        y: int({ min: 0, max: 63 }),
        fixed: list(num(), { max: 64 }),
        zoom: literal('box', 'full'),
      }),
      { x: 0, y: 1, fixed: [], zoom: 'box' },
    ),
  }),
};

export const defaultView: SolverView = { ran: false, checkpoints: 0, position: 0, selected: -1, layout: 'auto', slice: { x: 0, y: 1, fixed: [], zoom: 'box' } };

/** The starting property: the mini ACAS Xu network at middle range (the example "mini-acas-mid"). */
const MIDDLE_RANGE = "; Middle range, any bearing: is COC always advised?\n; Original units. The asserts describe the UNSAFE region.\n(declare-const X_0 Real) ; rho (ft)\n(declare-const X_1 Real) ; theta (rad)\n(declare-const X_2 Real) ; psi (rad)\n(declare-const X_3 Real) ; v_own (ft/s)\n(declare-const X_4 Real) ; v_int (ft/s)\n(declare-const Y_0 Real) ; COC\n(declare-const Y_1 Real) ; weak left\n(declare-const Y_2 Real) ; weak right\n(declare-const Y_3 Real) ; strong left\n(declare-const Y_4 Real) ; strong right\n\n(assert (>= X_0 12300))\n(assert (<= X_0 30000))\n(assert (>= X_1 -3.14))\n(assert (<= X_1 3.14))\n(assert (>= X_2 -3.14))\n(assert (<= X_2 3.14))\n(assert (>= X_3 100))\n(assert (<= X_3 1200))\n(assert (>= X_4 0))\n(assert (<= X_4 1200))\n; unsafe: some other advisory scores at most COC\n(assert (or (<= Y_1 Y_0) (<= Y_2 Y_0) (<= Y_3 Y_0) (<= Y_4 Y_0)))\n";

export const defaultScenario: Scenario<SolverConfig, SolverView> = {
  version: 1,
  lab: 'solver',
  title: 'Mini ACAS Xu: clear of conflict at middle range?',
  seed: 1,
  config: {
    network: { kind: 'generated', spec: { preset: 'mini-acas', seed: 7, hidden: [16, 16], activation: 'relu' } },
    property: MIDDLE_RANGE,
    units: 'original',
    strategy: 'symbolic',
    timeoutSeconds: 60,
    attack: false,
    splitThreshold: 5,
    tightening: 'symbolic',
  },
  view: defaultView,
};
