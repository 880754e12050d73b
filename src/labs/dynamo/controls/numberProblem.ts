export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Why the maximum is what it is, when another setting sets it (a joint limit). */
  maxReason?: string;
}

const show = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** Why a number field refuses the text typed into it, in a few words, or undefined when it is accepted. */
export function numberProblem(text: string, { min, max, integer = false, maxReason }: NumberRule): string | undefined {
  const range = min !== undefined && max !== undefined ? ` from ${show(min)} to ${show(max)}` : min !== undefined ? ` of at least ${show(min)}` : max !== undefined ? ` of at most ${show(max)}` : '';
  if (text.trim() === '') return `enter a number${range}`;
  const n = Number(text);
  if (!Number.isFinite(n)) return `not a number: enter a${integer ? ' whole' : ''} number${range}`;
  if (integer && !Number.isInteger(n)) return 'whole numbers only';
  if (min !== undefined && n < min) return `at least ${show(min)}`;
  if (max !== undefined && n > max) return `at most ${show(max)}${maxReason ? `: ${maxReason}` : ''}`;
  return undefined;
}
