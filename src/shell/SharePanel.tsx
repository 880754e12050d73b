import { useEffect, useRef, useState } from 'react';
import { MAX_LINK_CHARS, scenarioLink } from '../scenario/codec.ts';
import type { Scenario } from '../scenario/types.ts';

/**
 * Share: builds the link for the current scenario, shows it in a field labelled "Share link",
 * and copies it to the clipboard (or says how to, where the browser refuses).
 */
export function SharePanel({ scenario, onClose }: { scenario: Scenario; onClose(): void }) {
  const field = useRef<HTMLInputElement>(null);
  const link = scenarioLink(location.href, scenario);
  const payloadChars = link.length - link.indexOf('#s=') - 3;
  const tooLarge = payloadChars > MAX_LINK_CHARS;
  const [status, setStatus] = useState('');

  useEffect(() => {
    field.current?.select();
    if (tooLarge) return;
    let live = true;
    navigator.clipboard
      ?.writeText(link)
      .then(() => live && setStatus('Copied to the clipboard.'))
      .catch(() => live && setStatus('Press Ctrl+C (⌘C) to copy the selected link.'));
    return () => {
      live = false;
    };
  }, [link, tooLarge]);

  return (
    <div className="share-panel" role="region" aria-label="Share">
      <label htmlFor="share-link">Share link</label>
      <input id="share-link" ref={field} readOnly value={link} onFocus={(e) => e.target.select()} />
      {tooLarge ? (
        <p role="alert">
          This scenario is too large for a link ({payloadChars.toLocaleString('en-US')} characters, at most{' '}
          {MAX_LINK_CHARS.toLocaleString('en-US')}). Use Save to share it as a file.
        </p>
      ) : (
        <p className="share-status" aria-live="polite">
          {status} {link.length.toLocaleString('en-US')} characters; the scenario travels in the link, nothing is uploaded.
        </p>
      )}
      <button type="button" className="quiet" onClick={onClose} aria-label="Close the share panel">
        ✕
      </button>
    </div>
  );
}
