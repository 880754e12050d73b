import type { Compilation } from '../../../engines/kernels/api.ts';
import { CodeEditor } from '../../../ui/CodeEditor.tsx';
import type { EditorRange } from '../../../ui/editorTypes.ts';
import { generatedJsLanguage, wgslLanguage } from '../codeLanguages.ts';

interface Props {
  code: Compilation['code'];
  shown: 'js' | 'wgsl';
  onShow(which: 'js' | 'wgsl'): void;
  fontSize: number;
  wrap: boolean;
}

const ignore = () => {};

/** The first loop's header: where the view opens (helpers such as erf come before it). */
export function firstLoop(code: string): EditorRange | undefined {
  const lines = code.split('\n');
  const k = lines.findIndex((l) => /^\s*for \(/.test(l));
  if (k < 0) return undefined;
  const column = lines[k]!.search(/\S/) + 1;
  return { line: k + 1, column, endLine: k + 1, endColumn: lines[k]!.length + 1 };
}

/**
 * Stage 3: the loops the compiler generated, read-only. The JavaScript is what the fused backend
 * runs (and each parallel worker, over its range); the WGSL is the WebGPU backend's shader. Both
 * are printed from the checked syntax tree: no text of the program is copied into them.
 */
export function GeneratedCode({ code, shown, onShow, fontSize, wrap }: Props) {
  const which = shown === 'wgsl' && code.wgsl !== undefined ? 'wgsl' : 'js';
  const text = which === 'wgsl' ? code.wgsl! : code.js;
  const loop = which === 'js' ? firstLoop(text) : undefined;
  return (
    <section className="panel kn-panel kn-code" aria-label="Generated code">
      <div className="kn-panel-bar">
        <h3>3 · Generated code</h3>
        <span className="kn-tabs" role="tablist" aria-label="Which code">
          <button type="button" role="tab" aria-selected={which === 'js'} className={which === 'js' ? 'active' : ''} onClick={() => onShow('js')}>
            JavaScript (fused, parallel)
          </button>
          <button type="button" role="tab" aria-selected={which === 'wgsl'} className={which === 'wgsl' ? 'active' : ''} onClick={() => onShow('wgsl')} disabled={code.wgsl === undefined} title={code.wgsl === undefined ? 'This program has no WebGPU shader' : 'The WebGPU compute shader'}>
            WGSL (WebGPU)
          </button>
        </span>
      </div>
      <div className="kn-code-editor">
        <CodeEditor
          key={which}
          value={text}
          onChange={ignore}
          {...(loop ? { highlight: loop } : {})}
          language={which === 'wgsl' ? wgslLanguage : generatedJsLanguage}
          readOnly
          ariaLabel={which === 'wgsl' ? 'Generated WGSL shader' : 'Generated JavaScript loop'}
          fontSize={fontSize}
          wrap={wrap}
        />
      </div>
    </section>
  );
}
