/** Whether a key press is typing (in an editor or a field), which no shortcut may intercept. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, .monaco-editor, [role="textbox"]') !== null
  );
}
