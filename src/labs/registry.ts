import type { LabId } from '../scenario/types.ts';
import type { LoadedLab } from './types.tsx';

/** What src/labs/<lab>/entry.ts exports: a few words for the switcher, and the lab's code on demand. */
export interface LabEntry {
  id: LabId;
  title: string;
  summary: string;
  /** What the lab is for and the paper it follows, for the help dialog. */
  about: { text: string; reference: string };
  /** Position in the switcher. */
  order: number;
  /** The lab's code (views, engine bridge, schemas) loads on demand, never in the first paint. */
  load(): Promise<LoadedLab>;
}

/**
 * The labs that are built: every src/labs/<lab>/entry.ts. Adding a lab touches no shared file.
 * The switcher shows exactly these.
 */
export const LABS: readonly LabEntry[] = Object.values(
  import.meta.glob<LabEntry>('./*/entry.ts', { eager: true, import: 'entry' }),
).sort((a, b) => a.order - b.order);

export const findLab = (id: string): LabEntry | undefined => LABS.find((l) => l.id === id);
