import type { languages } from 'monaco-editor/editor/editor.api';
import type { EditorLanguage } from '../../ui/editorTypes.ts';

/**
 * Highlighting for the generated code the lab shows read-only: the JavaScript loop body the fused
 * and parallel backends run, and the WGSL compute shader. Monaco's own languages are not bundled
 * (the app loads only the editor core), so each gets a small Monarch grammar of its own.
 */
const tokenizer: languages.IMonarchLanguage['tokenizer'] = {
  root: [
    [/\/\/.*$/, 'comment'],
    [/\/\*/, 'comment', '@comment'],
    [/\d+(\.\d+)?([eE][-+]?\d+)?[uif]?/, 'number'],
    [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@types': 'type', '@default': 'identifier' } }],
    [/@\w+/, 'annotation'],
    [/[{}()[\]]/, '@brackets'],
    [/[=<>!+\-*/%&|^~?:]+/, 'operator'],
  ],
  comment: [
    [/\*\//, 'comment', '@pop'],
    [/./, 'comment'],
  ],
};

export const generatedJsLanguage: EditorLanguage = {
  id: 'kernels-js',
  monarch: {
    keywords: ['const', 'let', 'var', 'for', 'while', 'if', 'else', 'return', 'function', 'new', 'break', 'continue'],
    builtins: ['Math', 'buffers', 'scalars', 'lo', 'hi'],
    types: ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array'],
    tokenizer,
  },
};

export const wgslLanguage: EditorLanguage = {
  id: 'kernels-wgsl',
  monarch: {
    keywords: ['fn', 'let', 'var', 'const', 'for', 'loop', 'if', 'else', 'return', 'struct', 'break', 'continue', 'storage', 'read_write', 'read', 'uniform'],
    builtins: ['exp', 'log', 'log2', 'sqrt', 'abs', 'min', 'max', 'select', 'clamp', 'pow', 'floor', 'ceil', 'sin', 'cos', 'tanh', 'arrayLength'],
    types: ['f32', 'u32', 'i32', 'bool', 'vec2', 'vec3', 'vec4', 'array'],
    tokenizer,
  },
};
