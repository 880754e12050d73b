import type { Message } from './useMessages.ts';

/**
 * Errors (role alert: what went wrong and what to do) and one informational notice; in
 * presentation mode (`present`) the notice says its brief, on one line, the full text its tooltip.
 */
export function Messages({ alerts, notice, present = false, onDismissAlert, onDismissNotice }: {
  alerts: Message[];
  notice: Message | undefined;
  present?: boolean;
  onDismissAlert(id: number): void;
  onDismissNotice(): void;
}) {
  if (alerts.length === 0 && !notice) return null;
  return (
    <div className="messages">
      {alerts.map((a) => (
        <div key={a.id} className="message message-error" role="alert">
          <span>{a.text}</span>
          {a.action && (
            <button type="button" onClick={a.action.run}>
              {a.action.label}
            </button>
          )}
          <button type="button" className="quiet" onClick={() => onDismissAlert(a.id)} aria-label="Dismiss this message">
            ✕
          </button>
        </div>
      ))}
      {notice && (
        <div className="message message-info" role="status">
          {present && notice.brief ? <span title={notice.text}>{notice.brief}</span> : <span>{notice.text}</span>}
          {notice.action && (
            <button type="button" onClick={notice.action.run}>
              {notice.action.label}
            </button>
          )}
          <button type="button" className="quiet" onClick={onDismissNotice} aria-label="Dismiss this notice">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
