import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker.start?worker';
import { useEffect, useRef } from 'react';
import type { EditorLanguage, MonacoEditorProps } from '../editorTypes.ts';

// Monaco's own worker, bundled from the local package; language services are not used.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// One light theme for every lab: shared operations (a lab's `keyword.lvar` tokens) stand out.
monaco.editor.defineTheme('latticework', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword.lvar', foreground: 'b3261e', fontStyle: 'bold' },
    { token: 'predefined', foreground: '00695c' },
    { token: 'type', foreground: '6f42c1' },
    { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
  ],
  colors: {},
});

const registered = new Set<string>();
function register(language: EditorLanguage): void {
  if (registered.has(language.id)) return;
  registered.add(language.id);
  monaco.languages.register({ id: language.id });
  monaco.languages.setMonarchTokensProvider(language.id, language.monarch);
  if (language.configuration) monaco.languages.setLanguageConfiguration(language.id, language.configuration);
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** Monaco itself; loaded lazily by CodeEditor so the first paint never waits for it. */
export default function MonacoEditor({ value, onChange, language, markers, highlight, readOnly, ariaLabel, fontSize = 14, wrap = false, maxLength, onRefused }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const limit = useRef({ maxLength, onRefused });
  limit.current = { maxLength, onRefused };
  /** The last text within the limit, to go back to when an edit goes past it. */
  const accepted = useRef(value);
  /**
   * Texts this editor reported that the props have not caught up with. Effects can run after the
   * user typed more, so a `value` prop may be any of them: an echo, never a reason to overwrite.
   */
  const emitted = useRef(new Set([value]));

  useEffect(() => {
    register(language);
    const editor = monaco.editor.create(host.current!, {
      value,
      language: language.id,
      theme: 'latticework',
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize,
      tabSize: 2,
      ariaLabel,
      readOnly: readOnly ?? false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    let reverting = false;
    const sub = editor.onDidChangeModelContent((e) => {
      // The revert below is not an edit of the user's: the lab has the text already.
      if (reverting) return;
      const text = editor.getValue();
      const { maxLength: max, onRefused: refuse } = limit.current;
      if (max !== undefined && text.length > max && text.length > accepted.current.length) {
        const start = e.changes[0]?.range;
        reverting = true;
        editor.executeEdits('latticework-limit', [{ range: editor.getModel()!.getFullModelRange(), text: accepted.current }]);
        reverting = false;
        // Back where the refused edit began, not at the end of the text it would have made.
        if (start) {
          editor.setPosition({ lineNumber: start.startLineNumber, column: start.startColumn });
          editor.revealPosition({ lineNumber: start.startLineNumber, column: start.startColumn });
        }
        refuse(text.length);
        return;
      }
      accepted.current = text;
      emitted.current.add(text);
      onChangeRef.current(text);
    });
    return () => {
      sub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // The editor is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (emitted.current.has(value)) {
      // Our own echo. Once the props have caught up, forget the older texts.
      if (model.getValue() === value) emitted.current = new Set([value]);
      return;
    }
    emitted.current = new Set([value]);
    accepted.current = value;
    // An edit rather than setValue, so the user's undo history survives (loading an example is undoable).
    editor.executeEdits('latticework', [{ range: model.getFullModelRange(), text: value }]);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ fontSize, readOnly: readOnly ?? false, wordWrap: wrap ? 'on' : 'off' });
  }, [fontSize, readOnly, wrap]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'latticework',
      (markers ?? []).map((m) => ({
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.endLine ?? m.line,
        endColumn: m.endColumn ?? m.column + 1,
        message: m.message,
        severity: SEVERITY[m.severity],
      })),
    );
  }, [markers]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !decorations.current) return;
    if (!highlight) {
      decorations.current.clear();
      return;
    }
    const range = new monaco.Range(highlight.line, highlight.column, highlight.endLine, highlight.endColumn);
    decorations.current.set([{ range, options: { className: 'editor-step-highlight', isWholeLine: false } }]);
    // Vertically only: scrolling sideways would hide the start of every line.
    editor.revealLinesInCenterIfOutsideViewport(highlight.line, highlight.endLine);
  }, [highlight]);

  return <div className="monaco-host" ref={host} data-testid="code-editor" />;
}
