import type { languages } from 'monaco-editor/editor/editor.api';

/** A lab's own language, registered with Monaco the first time an editor uses it. */
export interface EditorLanguage {
  id: string;
  monarch: languages.IMonarchLanguage;
  configuration?: languages.LanguageConfiguration;
}

/** A problem to underline in the editor (lines and columns from 1). */
export interface EditorMarker {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/** A source range to highlight (the expression a replayed step is evaluating). */
export interface EditorRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  language: EditorLanguage;
  markers?: EditorMarker[];
  highlight?: EditorRange;
  readOnly?: boolean;
  ariaLabel: string;
  fontSize?: number;
  /** Wrap long lines (presentation mode: nothing may hide off to the right). */
  wrap?: boolean;
  /** The longest text a scenario can save and share: an edit past it is refused (and said so). */
  maxLength?: number;
}

/** What the lazily loaded Monaco editor gets: the props, and where to report a refused edit. */
export interface MonacoEditorProps extends CodeEditorProps {
  onRefused(length: number): void;
}
