/** Decimal numbers as they appear in .nnet and VNN-LIB files: no hex, no NaN, no Infinity. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The double nearest to the decimal text, or undefined when the text is not a plain decimal. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
