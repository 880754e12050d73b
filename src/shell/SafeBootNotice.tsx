/** Says that the last start did not finish, so the saved work opened without running; offers to run it. */
export function SafeBootNotice({ title, onRun, onDismiss }: { title: string; onRun(): void; onDismiss(): void }) {
  return (
    <div className="messages">
      <div className="message message-info" role="status" aria-label="Opened without running">
        <span>
          The last start of Latticework did not finish (the page froze or was closed while it showed “{title}”), so this time it is open without running. Check
          its settings, then run it.
        </span>
        <button type="button" onClick={onRun}>
          Run it
        </button>
        <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss this notice">
          ✕
        </button>
      </div>
    </div>
  );
}
