import { KNOWN_FUNCTIONS } from '../check/builtins.ts';
import { BORDER_MODES } from '../check/stencil.ts';
import { KEYWORDS } from './lexer.ts';

/**
 * Monaco highlighting for the array language, as plain data (the same shape as the UI's
 * EditorLanguage: { id, monarch, configuration }); the views register it.
 */
export const kernelsLanguage = {
  id: 'kernels',
  monarch: {
    // Monarch rebuilds each rule's regex from its source: the `u` flag must be asked for here.
    unicode: true,
    keywords: [...KEYWORDS],
    builtins: [...KNOWN_FUNCTIONS, 'runStencil', 'size'],
    types: ['Float64', 'Float32', 'Int', 'Int64', 'Vector', 'Matrix', 'Array'],
    symbols: BORDER_MODES.map((m) => `:${m}`),
    tokenizer: {
      root: [
        [/#=/, 'comment', '@comment'],
        [/#.*$/, 'comment'],
        // `[@]`: in a Monarch rule `@name` would mean the attribute `name`.
        [/[@]acc\b/, 'annotation'],
        [/:oob_[a-z_]+/, 'constant'],
        [/[\p{L}_][\p{L}\p{N}_!]*/u, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@types': 'type', '@default': 'identifier' } }],
        [/(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, 'number'],
        [/\.\.\.|\.[+\-*/^<>=!]=?|->|::|==|!=|<=|>=|[+\-*/^<>=:]/, 'operator'],
        [/[()[\]{}]/, '@brackets'],
      ],
      comment: [
        [/=#/, 'comment', '@pop'],
        [/[^=#]+/, 'comment'],
        [/[=#]/, 'comment'],
      ],
    },
  },
  configuration: {
    comments: { lineComment: '#', blockComment: ['#=', '=#'] as [string, string] },
    brackets: [['(', ')'], ['[', ']'], ['{', '}']] as [string, string][],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '{', close: '}' }],
    surroundingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }],
  },
};
