/**
 * erf for generated code and for the naive backend: the SAME text, compiled once per place, so
 * every CPU backend computes bit-identical values. Julia's erf is libm's (Sun's fdlibm method:
 * rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35), [1/0.35, 6) and
 * 1 beyond; error below 1 ulp). This follows that method with its published coefficients; the
 * high-word test of fdlibm becomes a comparison of |x|, and the low-word truncation that splits x
 * for an exact x*x becomes Veltkamp's split (26 high bits), which serves the same purpose.
 * This is our own constant text: no program text ever reaches it.
 */
/** fdlibm's erf coefficients, one copy for the JavaScript text below and the WebAssembly erf (codegen/wasm/math.ts). */
export const ERF_CONSTANTS = {
  /** erf(x) = x + efx x for |x| < 2^-28. */
  efx: 1.28379167095512586316e-1,
  /** erf(1) - erx is what the rational function on [0.84375, 1.25) approximates. */
  erx: 8.45062911510467529297e-1,
  smallP: [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5],
  smallQ: [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6],
  middleP: [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3],
  middleQ: [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2],
  nearR: [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592e0],
  nearS: [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135e0, -6.04244152148580987438e-2],
  farR: [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2],
  farS: [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1],
};

/** c0 + v * (c1 + v * (... + v * cn)), numbers printed from the doubles (String round-trips them). */
function hornerText(v: string, cs: number[]): string {
  const [c0, ...rest] = cs;
  if (rest.length === 0) return String(c0);
  const inner = hornerText(v, rest);
  return `${String(c0)} + ${v} * ${rest.length === 1 ? inner : `(${inner})`}`;
}

const C = ERF_CONSTANTS;
const ERF_BODY = `  const ax = Math.abs(x);
  if (!(ax < Infinity)) return ax === Infinity ? (x > 0 ? 1 : -1) : NaN;
  if (ax < 0.84375) {
    if (ax < 3.725290298461914e-9) return x + ${C.efx} * x;
    const z = x * x;
    const r = ${hornerText('z', C.smallP)};
    const s = ${hornerText('z', C.smallQ)};
    return x + x * (r / s);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = ${hornerText('s', C.middleP)};
    const q = ${hornerText('s', C.middleQ)};
    return x >= 0 ? ${C.erx} + p / q : -${C.erx} - p / q;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;
  const s = 1 / (ax * ax);
  let R, S;
  if (ax < 2.857142857142857) {
    R = ${hornerText('s', C.nearR)};
    S = ${hornerText('s', C.nearS)};
  } else {
    R = ${hornerText('s', C.farR)};
    S = ${hornerText('s', C.farS)};
  }
  const t = ax * 134217729;
  const z = t - (t - ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + R / S);
  return x > 0 ? 1 - r / ax : r / ax - 1;`;

export const ERF_JS = `function erf(x) {\n${ERF_BODY}\n}`;

/**
 * The same text inlined where a loop computes `result = erf(arg)`: a labelled block whose every
 * `return E;` becomes `{ result = E; break label; }`, so the operations, and so the bits, are the
 * function's. A loop calling erf instead pays a call and, V8 returning doubles boxed from a
 * function it does not inline (erf is too long for its inliner), an allocation per element; the
 * inlined form is what makes compiled Black-Scholes faster than the hand-written loop that calls
 * erf. `result` and `arg` are our identifiers (v12); the block's own locals shadow nothing of ours.
 */
export function erfInline(result: string, arg: string): string[] {
  const label = `erf_${result}`;
  const lines = ERF_BODY.split('\n').map((l) => l.replace(/return (.*);$/, `{ ${result} = $1; break ${label}; }`));
  return [`// ${result} = erf(${arg}), inlined (codegen/erf.ts)`, `let ${result};`, `${label}: {`, `  const x = ${arg};`, ...lines, '}'];
}
