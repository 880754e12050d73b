import type { EditorLanguage } from '../../../ui/editorTypes.ts';

/** The SMT-LIB 2 commands the lab reads (QF_LRA), and a few it accepts and ignores. */
const COMMANDS = [
  'set-logic', 'set-info', 'set-option', 'declare-const', 'declare-fun', 'define-fun', 'assert', 'check-sat',
  'get-model', 'get-value', 'push', 'pop', 'exit', 'echo', 'reset',
];
/** Boolean and arithmetic operators of the core and LRA theories. */
const OPERATORS = ['and', 'or', 'not', '=>', 'xor', 'ite', '=', 'distinct', '<=', '<', '>=', '>', '+', '-', '*', '/', 'let'];

/** SMT-LIB 2 for Monaco: commands, theory operators, sorts, numerals and decimals, `;` comments. */
export const smtlibLanguage: EditorLanguage = {
  id: 'smtlib2',
  monarch: {
    commands: COMMANDS,
    operators: OPERATORS,
    sorts: ['Real', 'Int', 'Bool'],
    constants: ['true', 'false'],
    tokenizer: {
      root: [
        [/;.*$/, 'comment'],
        [/"([^"]|"")*"/, 'string'],
        [/\|[^|]*\|/, 'identifier.quoted'],
        [/[()]/, '@brackets'],
        [/:[A-Za-z0-9~!@$%^&*_+=<>.?/-]+/, 'attribute'],
        [/#x[0-9a-fA-F]+|#b[01]+/, 'number.hex'],
        [/\d+(\.\d+)?/, 'number'],
        [
          /[A-Za-z~!@$%^&*_+=<>.?/-][A-Za-z0-9~!@$%^&*_+=<>.?/-]*/,
          { cases: { '@commands': 'keyword', '@operators': 'keyword.operator', '@sorts': 'type', '@constants': 'predefined', '@default': 'identifier' } },
        ],
      ],
    },
  },
  configuration: {
    comments: { lineComment: ';' },
    brackets: [['(', ')']],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '"', close: '"' },
      { open: '|', close: '|' },
    ],
    surroundingPairs: [{ open: '(', close: ')' }],
  },
};
