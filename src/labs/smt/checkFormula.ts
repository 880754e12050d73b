import { InputError } from '../../engines/contract.ts';
import type { SmtConfig } from '../../engines/smt/api.ts';
import { parseDimacs } from '../../engines/smt/formats/dimacs.ts';
import { parseSmtlib } from '../../engines/smt/formats/smtlib/parse.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';

/**
 * Parses the formula with the engine's own parsers (pure and fast) as the user types, so a
 * mistake is marked in the editor at its line and column before anything runs.
 */
export function formulaMarkers(input: SmtConfig['input']): EditorMarker[] {
  try {
    if (input.kind === 'dimacs') parseDimacs(input.text);
    else parseSmtlib(input.text);
    return [];
  } catch (e) {
    const at = e instanceof InputError && e.at ? e.at : { line: 1, column: 1 };
    return [{ line: at.line, column: at.column, message: e instanceof Error ? e.message : String(e), severity: 'error' }];
  }
}
