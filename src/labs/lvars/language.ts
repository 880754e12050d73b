import { BUILTINS } from '../../engines/lvars/builtins.ts';
import { KEYWORDS } from '../../engines/lvars/syntax/lexer.ts';
import type { EditorLanguage } from '../../ui/editorTypes.ts';

const names = (kind: 'pure' | 'alloc' | 'shared') => [...new Set([...BUILTINS.values()].filter((b) => b.kind === kind).map((b) => b.name.replace(/\/\d$/, '')))];

/** Monaco highlighting for LVish programs: shared LVar operations stand out from plain data. */
export const lvishLanguage: EditorLanguage = {
  id: 'lvish',
  monarch: {
    keywords: [...KEYWORDS],
    lvarOps: names('shared'),
    allocs: [...names('alloc'), 'new'],
    builtins: names('pure'),
    lattices: ['IVar', 'MaxNat', 'Counter', 'Set', 'Map', 'Pair', 'Bool'],
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/\d[\d_]*/, 'number'],
        [/[A-Z][\w']*/, { cases: { '@lattices': 'type', '@default': 'type.identifier' } }],
        [/[a-z_][\w']*/, { cases: { '@keywords': 'keyword', '@lvarOps': 'keyword.lvar', '@allocs': 'predefined', '@builtins': 'predefined', '@default': 'identifier' } }],
        [/[{}()[\]]/, '@brackets'],
        [/[=<>!+\-*/%&|:]+/, 'operator'],
      ],
      comment: [
        [/\*\//, 'comment', '@pop'],
        [/./, 'comment'],
      ],
    },
  },
  configuration: {
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"' },
    ],
  },
};
