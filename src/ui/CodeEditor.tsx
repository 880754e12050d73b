import { lazy, Suspense, useState } from 'react';
import type { CodeEditorProps } from './editorTypes.ts';

const MonacoEditor = lazy(() => import('./monaco/MonacoEditor.tsx'));

/**
 * The code editor every lab uses. Monaco loads on demand from the local package; until it has,
 * a plain text area shows (and edits) the same text, so the page is usable at once.
 */
export function CodeEditor(props: CodeEditorProps) {
  const [refused, setRefused] = useState<number>();
  const fallback = (
    <textarea
      className="editor-fallback"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      readOnly={props.readOnly}
      aria-label={props.ariaLabel}
      spellCheck={false}
      {...(props.maxLength !== undefined ? { maxLength: props.maxLength } : {})}
    />
  );
  return (
    <div className="code-editor">
      <Suspense fallback={fallback}>
        <MonacoEditor {...props} onRefused={setRefused} />
      </Suspense>
      {refused !== undefined && props.maxLength !== undefined && (
        <p className="editor-limit" role="alert">
          That edit was not made: it would give {refused.toLocaleString('en-US')} characters, and at most{' '}
          {props.maxLength.toLocaleString('en-US')} can be saved and shared.{' '}
          <button type="button" className="quiet" onClick={() => setRefused(undefined)} aria-label="Dismiss">
            ✕
          </button>
        </p>
      )}
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
