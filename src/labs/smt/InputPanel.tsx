import { useRef } from 'react';
import type { InputKind } from '../../engines/smt/api.ts';
import { CodeEditor } from '../../ui/CodeEditor.tsx';
import type { EditorMarker } from '../../ui/editorTypes.ts';
import { dimacsLanguage } from './languages/dimacs.ts';
import { smtlibLanguage } from './languages/smtlib.ts';

interface Props {
  kind: InputKind;
  text: string;
  name: string | undefined;
  markers: EditorMarker[];
  problem: string | undefined;
  fontSize: number;
  onKind(kind: InputKind): void;
  onText(text: string): void;
  onFile(file: File): void;
}

/** The formula: DIMACS CNF or SMT-LIB 2 (QF_LRA) in Monaco, opened from a file or dropped on the lab. */
export function InputPanel({ kind, text, name, markers, problem, fontSize, onKind, onText, onFile }: Props) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <section className="panel smt-panel smt-input" aria-label="Formula">
      <h3>Formula</h3>
      <div className="smt-row">
        <select aria-label="Input format" value={kind} onChange={(e) => onKind(e.target.value as InputKind)}>
          <option value="dimacs">DIMACS CNF</option>
          <option value="smtlib">SMT-LIB 2 (QF_LRA)</option>
        </select>
        <button type="button" onClick={() => picker.current?.click()}>
          Open file…
        </button>
        <input
          ref={picker}
          type="file"
          accept=".cnf,.dimacs,.smt2,.smt,.txt"
          hidden
          data-testid="formula-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {name && <p className="smt-hint">From {name}.</p>}
      {problem && (
        <p role="alert" className="run-error">
          {problem}
        </p>
      )}
      <div className="smt-editor">
        <CodeEditor value={text} onChange={onText} language={kind === 'dimacs' ? dimacsLanguage : smtlibLanguage} markers={markers} ariaLabel={kind === 'dimacs' ? 'Formula (DIMACS CNF)' : 'Formula (SMT-LIB 2)'} fontSize={fontSize} wrap />
      </div>
      <p className="smt-hint">{kind === 'dimacs' ? 'p cnf VARIABLES CLAUSES, then one clause per line: signed variable numbers ended by 0.' : 'declare-const … Real / Bool, assert with and, or, not, =>, ite, <=, <, >=, >, =, distinct, +, -, scalar *; check-sat.'} Or drop a .cnf or .smt2 file here.</p>
    </section>
  );
}
