import { lazy, Suspense } from 'react';
import type { CodeEditorProps } from './editorTypes.ts';

const MonacoEditor = lazy(() => import('./monaco/MonacoEditor.tsx'));

/**
 * The code editor every lab uses. Monaco loads on demand from the local package; until it has,
 * a plain text area shows (and edits) the same text, so the page is usable at once.
 */
export function CodeEditor(props: CodeEditorProps) {
  const fallback = (
    <textarea
      className="editor-fallback"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      readOnly={props.readOnly}
      aria-label={props.ariaLabel}
      spellCheck={false}
    />
  );
  return (
    <div className="code-editor">
      <Suspense fallback={fallback}>
        <MonacoEditor {...props} />
      </Suspense>
      {props.markers && props.markers.length > 0 && (
        <ul className="editor-problems" aria-label="Problems">
          {props.markers.map((m, i) => (
            <li key={i} className={`problem-${m.severity}`}>
              <span className="problem-where">
                {m.line}:{m.column}
              </span>{' '}
              {m.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
