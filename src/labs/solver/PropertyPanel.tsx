import { useState } from 'react';
import { ACAS_PROPERTIES } from '../../engines/solver/formats/acas.ts';
import type { Units } from '../../engines/solver/model/problem.ts';
import { CodeEditor } from '../../ui/CodeEditor.tsx';
import type { EditorMarker } from '../../ui/editorTypes.ts';
import { vnnlibLanguage } from './vnnlibLanguage.ts';
import { PROPERTY_LIMIT } from './scenario.ts';

interface PropertyPanelProps {
  text: string;
  /** The scenario's title: a new title is a new scenario (an example opened, a link), whose property is its own, unedited. */
  title: string;
  units: Units;
  canUseOriginal: boolean;
  markers: EditorMarker[];
  onText(text: string): void;
  onUnits(units: Units): void;
  onBuiltIn(id: number): void;
  fontSize: number;
}

/** The property: one of the ten ACAS Xu properties (original units) or any VNN-LIB text, edited in Monaco. */
/**
 * Whether the property differs from the one its scenario opened with: the text first seen under
 * a title is the scenario's own (opening an example or choosing a built-in property gives a new title).
 */
function useEdited(title: string, text: string): boolean {
  const [opened, setOpened] = useState({ title, text });
  if (opened.title !== title) {
    setOpened({ title, text });
    return false;
  }
  return opened.text !== text;
}

/** The first option of the built-in select: what the property is when it is none of the built-in ones. */
const ownLabel = (builtIn: boolean, edited: boolean): string => (builtIn ? 'ACAS Xu property…' : edited ? 'Custom property (edited)' : 'Own property (unedited)');

export function PropertyPanel({ text, title, units, canUseOriginal, markers, onText, onUnits, onBuiltIn, fontSize }: PropertyPanelProps) {
  const builtIn = ACAS_PROPERTIES.find((p) => p.text === text);
  const edited = useEdited(title, text);
  return (
    <section className="panel solver-panel solver-property" aria-label="Property">
      <h3>Property</h3>
      <div className="field-row">
        <select aria-label="Built-in property" value={builtIn?.id ?? 0} onChange={(e) => Number(e.target.value) > 0 && onBuiltIn(Number(e.target.value))}>
          <option value={0} disabled>
            {ownLabel(builtIn !== undefined, edited)}
          </option>
          {ACAS_PROPERTIES.map((p) => (
            <option key={p.id} value={p.id}>
              φ{p.id}: {p.holds}
            </option>
          ))}
        </select>
        <select aria-label="Property units" value={units} onChange={(e) => onUnits(e.target.value as Units)} title="What X_i and Y_j mean in the property">
          <option value="original" disabled={!canUseOriginal}>
            original units
          </option>
          <option value="network">network units</option>
        </select>
      </div>
      <p className="solver-hint">
        The asserts describe the <em>unsafe</em> region (VNN-LIB). {units === 'original' ? 'X and Y are in original units (feet, radians, scores); the lab applies the network’s scaling.' : 'X and Y are the network’s own inputs and outputs (normalised for an .nnet network).'}
      </p>
      <div className="property-editor">
        <CodeEditor value={text} onChange={onText} language={vnnlibLanguage} markers={markers} ariaLabel="Property (VNN-LIB)" fontSize={fontSize} maxLength={PROPERTY_LIMIT} />
      </div>
    </section>
  );
}
