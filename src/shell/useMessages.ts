import { useCallback, useState } from 'react';
import type { Scenario } from '../scenario/types.ts';
import { download } from '../ui/exportSvg.ts';

/** A message to the user: an alert (stays until dismissed) or the notice (one at a time). */
export interface Message {
  id: number;
  text: string;
  /** The same message in a few words, for the one line presentation mode gives it (the full text is its tooltip). */
  brief?: string;
  action?: { label: string; run(): void };
}

/** The sentence every refusal ends with: nothing the user had was touched. */
export const OWN_WORK_SAFE = 'Your own work is unchanged.';

let nextId = 1;

/** An alert's button that downloads a scenario this version cannot open, so it is never lost. */
export function downloadAction(scenario: Scenario): Message['action'] {
  return {
    label: 'Download it',
    run: () => download(new Blob([`${JSON.stringify(scenario, null, 2)}\n`], { type: 'application/json' }), 'previous-work.latticework.json'),
  };
}

/** The shell's messages: alerts (each text once) and a single notice with an optional action. */
export function useMessages() {
  const [alerts, setAlerts] = useState<Message[]>([]);
  const [notice, setNotice] = useState<Message>();
  const alert = useCallback((text: string, action?: Message['action']) => {
    setAlerts((list) => (list.some((a) => a.text === text) ? list : [...list, { id: nextId++, text, ...(action ? { action } : {}) }]));
  }, []);
  const dismissAlert = useCallback((id: number) => setAlerts((list) => list.filter((a) => a.id !== id)), []);
  const showNotice = useCallback(
    (text: string, action: Message['action'], brief?: string) => setNotice({ id: nextId++, text, ...(brief ? { brief } : {}), ...(action ? { action } : {}) }),
    [],
  );
  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { alerts, notice, alert, dismissAlert, showNotice, dismissNotice };
}
