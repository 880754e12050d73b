import { FileButton } from '../ui/FileButton.tsx';
import { LABS } from '../labs/registry.ts';
import type { ExampleEntry } from '../scenario/examples.ts';
import type { LabId } from '../scenario/types.ts';

interface HeaderProps {
  current: LabId | undefined;
  examples: ExampleEntry[];
  onSwitch(lab: LabId): void;
  onExample(lab: LabId, id: string): void;
  onOpenFile(file: File): void;
  onSave(): void;
  /** Present when the open lab has previous work to go back to. */
  onRestorePrevious?: () => void;
  onShare(): void;
  /** The guided tours and the tour editor (src/teaching/). */
  onTours(): void;
  onPresent(): void;
  onHelp(): void;
}

export function Header({ current, examples, onSwitch, onExample, onOpenFile, onSave, onRestorePrevious, onShare, onTours, onPresent, onHelp }: HeaderProps) {
  return (
    <header className="app-header">
      <span className="brand" title="If we want determinism, we have to share nicely">
        Latticework
      </span>
      <nav className="lab-switcher" aria-label="Labs">
        {LABS.map((lab) => (
          <button
            key={lab.id}
            type="button"
            className={lab.id === current ? 'lab-tab active' : 'lab-tab'}
            aria-current={lab.id === current ? 'page' : undefined}
            title={lab.summary}
            onClick={() => onSwitch(lab.id)}
          >
            {lab.title}
          </button>
        ))}
      </nav>
      <div className="header-actions">
        <select
          aria-label="Examples"
          value=""
          onChange={(e) => {
            const [lab, id] = e.target.value.split('/');
            if (lab && id) onExample(lab as LabId, id);
          }}
        >
          <option value="">Examples…</option>
          {LABS.map((lab) => {
            const mine = examples.filter((x) => x.lab === lab.id);
            return mine.length === 0 ? null : (
              <optgroup key={lab.id} label={lab.title}>
                {mine.map((x) => (
                  <option key={x.id} value={`${x.lab}/${x.id}`} title={x.summary}>
                    {x.title}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
        <FileButton label="Open…" title="Open a scenario file (.json)" accept=".json,application/json" inputLabel="Scenario file" testId="scenario-file" onFile={onOpenFile} />
        <button type="button" onClick={onSave} title="Download this scenario as a file">
          Save
        </button>
        {onRestorePrevious && (
          <button type="button" onClick={onRestorePrevious} title="Swap the open work with the work it replaced (click again to swap back)">
            Previous work
          </button>
        )}
        <button type="button" className="primary" onClick={onShare}>
          Share
        </button>
        <button type="button" onClick={onTours} title="Guided tours, and writing your own">
          Tours
        </button>
        <button type="button" onClick={onPresent} aria-pressed={false} title="Presentation mode (p)">
          Present
        </button>
        <button type="button" onClick={onHelp} aria-label="Help and keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </header>
  );
}
