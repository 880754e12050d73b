import type { languages } from 'monaco-editor/editor/editor.api';
import { kernelsLanguage as grammar } from '../../engines/kernels/syntax/monarch.ts';
import type { EditorLanguage } from '../../ui/editorTypes.ts';

/**
 * The engine's Monarch grammar for the array language, typed for the editor. The engine keeps it
 * as plain data (it imports nothing from Monaco), so its rule tuples are inferred as arrays.
 */
export const kernelsLanguage: EditorLanguage = {
  id: grammar.id,
  monarch: grammar.monarch as languages.IMonarchLanguage,
  configuration: grammar.configuration as languages.LanguageConfiguration,
};
