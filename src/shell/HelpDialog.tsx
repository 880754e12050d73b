import { useEffect, useRef } from 'react';
import type { LabEntry } from '../labs/registry.ts';
import { SHORTCUTS } from './shortcuts.ts';

/** Help: what the open lab is (and the paper it follows), then the keyboard shortcuts. */
export function HelpDialog({ open, onClose, lab }: { open: boolean; onClose(): void; lab?: LabEntry | undefined }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="help-dialog" aria-labelledby="help-title" onClose={onClose}>
      {lab && (
        <section className="help-about" aria-labelledby="help-about-title">
          <h2 id="help-about-title">What is the {lab.title} lab?</h2>
          <p>{lab.about.text}</p>
          <p className="help-reference">
            <strong>Paper:</strong> {lab.about.reference}
          </p>
        </section>
      )}
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td className="help-keys">
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="help-note">
        Keys do nothing while you type in an editor or a field. Share links carry the whole scenario in the part of the
        address after <code>#</code>, which never leaves your browser.
      </p>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
