import type { EditorLanguage } from '../../ui/editorTypes.ts';

/** VNN-LIB for Monaco: S-expressions with declare-const, assert, and/or, comparisons, X_i and Y_j. */
export const vnnlibLanguage: EditorLanguage = {
  id: 'vnnlib',
  monarch: {
    tokenizer: {
      root: [
        [/;.*$/, 'comment'],
        [/[()]/, '@brackets'],
        [/\b(declare-const|assert)\b/, 'keyword'],
        [/\b(and|or)\b/, 'keyword.operator'],
        [/\bReal\b/, 'type'],
        [/\b[XY]_\d+\b/, 'variable'],
        [/[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/, 'number'],
        [/<=|>=|<|>|=|\+|-|\*/, 'operator'],
      ],
    },
  },
  configuration: {
    comments: { lineComment: ';' },
    brackets: [['(', ')']],
    autoClosingPairs: [{ open: '(', close: ')' }],
    surroundingPairs: [{ open: '(', close: ')' }],
  },
};
