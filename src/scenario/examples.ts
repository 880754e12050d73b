import { parseScenarioText, type Decoded } from './codec.ts';
import { list, object, str } from './schema.ts';
import type { LabId, Scenario } from './types.ts';

/**
 * Built-in examples are scenario files, public/examples/<lab>/<id>.json, each lab listing its own
 * in public/examples/<lab>/index.json. They are read through the same validation as links.
 */
export interface ExampleEntry {
  lab: LabId;
  id: string;
  title: string;
  summary: string;
}

const EXAMPLE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const exampleIndexSchema = list(
  object({
    id: str({ max: 60, pattern: EXAMPLE_ID }),
    title: str({ max: 120 }),
    summary: str({ max: 400 }),
  }),
  { max: 200 },
);

export const exampleIndexPath = (lab: LabId) => `examples/${lab}/index.json`;
export const examplePath = (lab: LabId, id: string) => `examples/${lab}/${id}.json`;

/** Parses a lab's index.json; throws with the path of the first problem. */
export function parseExampleIndex(lab: LabId, raw: unknown): ExampleEntry[] {
  const parsed = exampleIndexSchema.parse(raw);
  if (!parsed.ok) throw new Error(`${exampleIndexPath(lab)} is malformed (${parsed.issue.path}: ${parsed.issue.message})`);
  return parsed.value.map((x) => ({ lab, ...x }));
}

export async function fetchExampleIndex(base: string, labs: readonly LabId[]): Promise<ExampleEntry[]> {
  const lists = await Promise.all(
    labs.map(async (lab) => {
      const response = await fetch(`${base}${exampleIndexPath(lab)}`);
      if (response.status === 404) return [];
      if (!response.ok) throw new Error(`the ${lab} examples could not be loaded (HTTP ${response.status})`);
      return parseExampleIndex(lab, await response.json());
    }),
  );
  return lists.flat();
}

export async function fetchExample(base: string, lab: LabId, id: string): Promise<Decoded<Scenario>> {
  const missing = { ok: false as const, error: { kind: 'empty' as const, message: `There is no example "${lab}/${id}".` } };
  if (!EXAMPLE_ID.test(id)) return missing;
  const response = await fetch(`${base}${examplePath(lab, id)}`);
  // A static server answers an unknown path with the app's own page (HTML), not a 404.
  if (!response.ok || !/json/i.test(response.headers.get('content-type') ?? '')) return missing;
  return parseScenarioText(await response.text(), 'example');
}
