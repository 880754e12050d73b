import { Q } from '../lra/rational.ts';

/** A finite double as the exact rational it is (m / 2^k): doubling is exact, so the loop is too. */
export function exactQ(x: number): Q {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let v = x;
  let den = 1n;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return Q.of(BigInt(v), den);
}

/** SMT-LIB text for an exact rational: a decimal when one is exact, else (/ n d); negatives as (- ...). */
export function smtNumber(q: Q): string {
  const neg = q.sign() < 0;
  const mag = neg ? q.neg() : q;
  let body: string;
  const shown = mag.toNumber().toString();
  if (!/e/.test(shown) && Q.parse(shown).cmp(mag) === 0) body = shown.includes('.') ? shown : `${shown}.0`;
  else body = `(/ ${mag.n}.0 ${mag.d}.0)`;
  return neg ? `(- ${body})` : body;
}

/** q rounded outward to `places` decimals (down for a lower bound, up for an upper one). */
export function roundOutward(q: Q, places: number, up: boolean): Q {
  const scale = 10n ** BigInt(places);
  const scaled = q.n * scale;
  let whole = scaled / q.d;
  const exact = whole * q.d === scaled;
  // BigInt division truncates towards zero.
  if (!exact && up && scaled > 0n) whole += 1n;
  if (!exact && !up && scaled < 0n) whole -= 1n;
  return Q.of(whole, scale);
}
