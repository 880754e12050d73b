import type { EditorLanguage } from '../../../ui/editorTypes.ts';

/**
 * DIMACS CNF for Monaco: `c` comment lines, the `p cnf VARS CLAUSES` header, clauses as signed
 * integers ended by 0. Negative literals get their own token so a clause reads at a glance.
 */
export const dimacsLanguage: EditorLanguage = {
  id: 'dimacs',
  monarch: {
    tokenizer: {
      root: [
        // A rule that starts with ^ matches only at the start of a line (Monarch's own rule).
        [/^\s*c(\s.*)?$/, 'comment'],
        [/^\s*%.*$/, 'comment'],
        [/^\s*p\b/, { token: 'keyword', next: '@header' }],
        [/-\d+/, 'number.negative'],
        [/\b0\b/, 'delimiter.terminator'],
        [/\d+/, 'number'],
        [/\S+/, 'invalid'],
      ],
      header: [
        [/\b(cnf|wcnf)\b/, 'type'],
        [/\d+/, 'number.header'],
        [/$/, { token: '', next: '@pop' }],
        [/\S+/, 'invalid'],
      ],
    },
  },
  configuration: {
    comments: { lineComment: 'c' },
  },
};
