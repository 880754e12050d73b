/**
 * The ten ACAS Xu properties (Katz et al., Reluplex, CAV 2017, appendix), in original units, as
 * VNN-LIB text describing the unsafe region. With `units: 'original'` the lab normalises the inputs
 * and de-normalises the outputs through the network's .nnet scaling.
 * Inputs: X_0 rho (ft), X_1 theta (rad), X_2 psi (rad), X_3 v_own (ft/s), X_4 v_int (ft/s).
 * Outputs: Y_0 COC, Y_1 weak left, Y_2 weak right, Y_3 strong left, Y_4 strong right; the
 * advisory is the smallest score.
 */

export interface AcasProperty {
  id: number;
  title: string;
  /** What must hold, in words. */
  holds: string;
  text: string;
  /** The networks (a, b) of the standard benchmark set this property is checked on. */
  networks: (a: number, b: number) => boolean;
}

const declarations = `(declare-const X_0 Real) ; rho (ft)
(declare-const X_1 Real) ; theta (rad)
(declare-const X_2 Real) ; psi (rad)
(declare-const X_3 Real) ; v_own (ft/s)
(declare-const X_4 Real) ; v_int (ft/s)
(declare-const Y_0 Real) ; COC
(declare-const Y_1 Real) ; weak left
(declare-const Y_2 Real) ; weak right
(declare-const Y_3 Real) ; strong left
(declare-const Y_4 Real) ; strong right`;

type Range = readonly [string, string];

const box = (ranges: readonly Range[]) =>
  ranges.map(([lo, hi], i) => `(assert (>= X_${i} ${lo}))\n(assert (<= X_${i} ${hi}))`).join('\n');

const property = (id: number, title: string, holds: string, body: string, networks: AcasProperty['networks']): AcasProperty => ({
  id,
  title,
  holds,
  networks,
  text: `; ACAS Xu property ${id}: ${title}\n; holds when ${holds}. Original units; the asserts describe the UNSAFE region.\n${declarations}\n\n${body}\n`,
});

const all = () => true;
const PI = '3.141592653589793';

export const ACAS_PROPERTIES: readonly AcasProperty[] = [
  property(1, 'distant, slow intruder', 'the COC score is at most 1500', `${box([['55947.691', '60760'], [`-${PI}`, PI], [`-${PI}`, PI], ['1145', '1200'], ['0', '60']])}\n; unsafe: COC >= 1500\n(assert (>= Y_0 1500))`, all),
  property(2, 'distant, slow intruder', 'COC is not the maximal score', `${box([['55947.691', '60760'], [`-${PI}`, PI], [`-${PI}`, PI], ['1145', '1200'], ['0', '60']])}\n; unsafe: COC is maximal\n(assert (>= Y_0 Y_1))\n(assert (>= Y_0 Y_2))\n(assert (>= Y_0 Y_3))\n(assert (>= Y_0 Y_4))`, all),
  property(3, 'intruder directly ahead, moving towards the ownship', 'COC is not the minimal score', `${box([['1500', '1800'], ['-0.06', '0.06'], ['3.10', PI], ['980', '1200'], ['960', '1200']])}\n; unsafe: COC is minimal\n(assert (<= Y_0 Y_1))\n(assert (<= Y_0 Y_2))\n(assert (<= Y_0 Y_3))\n(assert (<= Y_0 Y_4))`, all),
  property(4, 'intruder directly ahead, moving away but slower', 'COC is not the minimal score', `${box([['1500', '1800'], ['-0.06', '0.06'], ['0', '0'], ['1000', '1200'], ['700', '800']])}\n; unsafe: COC is minimal\n(assert (<= Y_0 Y_1))\n(assert (<= Y_0 Y_2))\n(assert (<= Y_0 Y_3))\n(assert (<= Y_0 Y_4))`, all),
  property(5, 'intruder near and to the left', 'strong right is the minimal score', `${box([['250', '400'], ['0.2', '0.4'], ['-3.141592', '-3.136592'], ['100', '400'], ['0', '400']])}\n; unsafe: some other score is at most strong right\n(assert (or (<= Y_0 Y_4) (<= Y_1 Y_4) (<= Y_2 Y_4) (<= Y_3 Y_4)))`, (a, b) => a === 1 && b === 1),
  property(6, 'intruder far away, behind the line of sight', 'COC is the minimal score', `(assert (>= X_0 12000))\n(assert (<= X_0 62000))\n; theta in [0.7, 3.141592] or [-3.141592, -0.7]\n(assert (or (and (>= X_1 0.7) (<= X_1 3.141592)) (and (>= X_1 -3.141592) (<= X_1 -0.7))))\n(assert (>= X_2 -3.141592))\n(assert (<= X_2 -3.136592))\n(assert (>= X_3 100))\n(assert (<= X_3 1200))\n(assert (>= X_4 0))\n(assert (<= X_4 1200))\n; unsafe: some other score is at most COC\n(assert (or (<= Y_1 Y_0) (<= Y_2 Y_0) (<= Y_3 Y_0) (<= Y_4 Y_0)))`, (a, b) => a === 1 && b === 1),
  property(7, 'anywhere, any heading (long previous advisory)', 'neither strong left nor strong right is minimal', `${box([['0', '60760'], ['-3.141592', '3.141592'], ['-3.141592', '3.141592'], ['100', '1200'], ['0', '1200']])}\n; unsafe: strong left or strong right is minimal\n(assert (or\n  (and (<= Y_3 Y_0) (<= Y_3 Y_1) (<= Y_3 Y_2) (<= Y_3 Y_4))\n  (and (<= Y_4 Y_0) (<= Y_4 Y_1) (<= Y_4 Y_2) (<= Y_4 Y_3))))`, (a, b) => a === 1 && b === 9),
  property(8, 'intruder behind and to the right', 'weak left or COC is minimal', `${box([['0', '60760'], ['-3.141592', '-2.356194'], ['-0.1', '0.1'], ['600', '1200'], ['600', '1200']])}\n; unsafe: some turn right or strong left beats both COC and weak left\n(assert (or\n  (and (<= Y_2 Y_0) (<= Y_2 Y_1))\n  (and (<= Y_3 Y_0) (<= Y_3 Y_1))\n  (and (<= Y_4 Y_0) (<= Y_4 Y_1))))`, (a, b) => a === 2 && b === 9),
  property(9, 'intruder near, crossing from the right', 'strong left is the minimal score', `${box([['2000', '7000'], ['-0.4', '-0.14'], ['-3.141592', '-3.131592'], ['100', '150'], ['0', '150']])}\n; unsafe: some other score is at most strong left\n(assert (or (<= Y_0 Y_3) (<= Y_1 Y_3) (<= Y_2 Y_3) (<= Y_4 Y_3)))`, (a, b) => a === 3 && b === 3),
  property(10, 'intruder far away, moving away', 'COC is the minimal score', `${box([['36000', '60760'], ['0.7', '3.141592'], ['-3.141592', '-3.131592'], ['900', '1200'], ['600', '1200']])}\n; unsafe: some other score is at most COC\n(assert (or (<= Y_1 Y_0) (<= Y_2 Y_0) (<= Y_3 Y_0) (<= Y_4 Y_0)))`, (a, b) => a === 4 && b === 5),
];

export function acasProperty(id: number): AcasProperty {
  const p = ACAS_PROPERTIES.find((x) => x.id === id);
  if (!p) throw new Error(`there is no ACAS Xu property ${id}`);
  return p;
}

export interface AcasInstance {
  property: number;
  a: number;
  b: number;
  network: string;
}

export const acasNetworkFile = (a: number, b: number) => `ACASXU_run2a_${a}_${b}_batch_2000.nnet`;

/** The standard benchmark set: properties 1–4 on all 45 networks, 5–10 on theirs (186 instances). */
export function acasInstances(): AcasInstance[] {
  const out: AcasInstance[] = [];
  for (const p of ACAS_PROPERTIES)
    for (let a = 1; a <= 5; a++) for (let b = 1; b <= 9; b++) if (p.networks(a, b)) out.push({ property: p.id, a, b, network: acasNetworkFile(a, b) });
  return out;
}
