/**
 * erf for generated code and for the naive backend: the SAME text, compiled once per place, so
 * every CPU backend computes bit-identical values. Julia's erf is libm's (Sun's fdlibm method:
 * rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35), [1/0.35, 6) and
 * 1 beyond; error below 1 ulp). This follows that method with its published coefficients; the
 * high-word test of fdlibm becomes a comparison of |x|, and the low-word truncation that splits x
 * for an exact x*x becomes Veltkamp's split (26 high bits), which serves the same purpose.
 * This is our own constant text: no program text ever reaches it.
 */
const ERF_BODY = `  const ax = Math.abs(x);
  if (!(ax < Infinity)) return ax === Infinity ? (x > 0 ? 1 : -1) : NaN;
  if (ax < 0.84375) {
    if (ax < 3.725290298461914e-9) return x + 0.128379167095512586316 * x;
    const z = x * x;
    const r = 1.28379167095512558561e-1 + z * (-3.25042107247001499370e-1 + z * (-2.84817495755985104766e-2 + z * (-5.77027029648944159157e-3 + z * -2.37630166566501626084e-5)));
    const s = 1 + z * (3.97917223959155352819e-1 + z * (6.50222499887672944485e-2 + z * (5.08130628187576562776e-3 + z * (1.32494738004321644526e-4 + z * -3.96022827877536812320e-6))));
    return x + x * (r / s);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const p = -2.36211856075265944077e-3 + s * (4.14856118683748331666e-1 + s * (-3.72207876035701323847e-1 + s * (3.18346619901161753674e-1 + s * (-1.10894694282396677476e-1 + s * (3.54783043256182359371e-2 + s * -2.16637559486879084300e-3)))));
    const q = 1 + s * (1.06420880400844228286e-1 + s * (5.40397917702171048937e-1 + s * (7.18286544141962662868e-2 + s * (1.26171219808761642112e-1 + s * (1.36370839120290507362e-2 + s * 1.19844998467991074170e-2)))));
    return x >= 0 ? 8.45062911510467529297e-1 + p / q : -8.45062911510467529297e-1 - p / q;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;
  const s = 1 / (ax * ax);
  let R, S;
  if (ax < 2.857142857142857) {
    R = -9.86494403484714822705e-3 + s * (-6.93858572707181764372e-1 + s * (-1.05586262253232909814e1 + s * (-6.23753324503260060396e1 + s * (-1.62396669462573470355e2 + s * (-1.84605092906711035994e2 + s * (-8.12874355063065934246e1 + s * -9.81432934416914548592e0))))));
    S = 1 + s * (1.96512716674392571292e1 + s * (1.37657754143519042600e2 + s * (4.34565877475229228821e2 + s * (6.45387271733267880336e2 + s * (4.29008140027567833386e2 + s * (1.08635005541779435134e2 + s * (6.57024977031928170135e0 + s * -6.04244152148580987438e-2)))))));
  } else {
    R = -9.86494292470009928597e-3 + s * (-7.99283237680523006574e-1 + s * (-1.77579549177547519889e1 + s * (-1.60636384855821916062e2 + s * (-6.37566443368389627722e2 + s * (-1.02509513161107724954e3 + s * -4.83519191608651397019e2)))));
    S = 1 + s * (3.03380607434824582924e1 + s * (3.25792512996573918826e2 + s * (1.53672958608443695994e3 + s * (3.19985821950859553908e3 + s * (2.55305040643316442583e3 + s * (4.74528541206955367215e2 + s * -2.24409524465858183362e1))))));
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
