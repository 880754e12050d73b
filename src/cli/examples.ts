import { readFile } from 'node:fs/promises';
import { parseScenarioText, type Decoded } from '../scenario/codec.ts';
import { exampleIndexPath, examplePath, parseExampleIndex, type ExampleEntry } from '../scenario/examples.ts';
import { LAB_IDS, type Scenario } from '../scenario/types.ts';
import { UsageError } from './io.ts';

/** The examples the web app serves, read from the same files. */
const PUBLIC = new URL('../../public/', import.meta.url);

export async function readExampleIndex(): Promise<ExampleEntry[]> {
  const lists = await Promise.all(
    LAB_IDS.map(async (lab) => {
      let text: string;
      try {
        text = await readFile(new URL(exampleIndexPath(lab), PUBLIC), 'utf8');
      } catch {
        return [];
      }
      return parseExampleIndex(lab, JSON.parse(text));
    }),
  );
  return lists.flat();
}

/** Finds an example by `lab/id`, or by `id` alone when only one lab has it. */
export async function findExample(name: string): Promise<ExampleEntry> {
  const index = await readExampleIndex();
  const matches = index.filter((x) => `${x.lab}/${x.id}` === name || x.id === name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new UsageError(`"${name}" names several examples (${matches.map((m) => `${m.lab}/${m.id}`).join(', ')}); say which with lab/name`);
  throw new UsageError(`there is no example "${name}"; \`latticework examples\` lists them`);
}

export async function readExample(entry: ExampleEntry): Promise<Decoded<Scenario>> {
  return parseScenarioText(await readFile(new URL(examplePath(entry.lab, entry.id), PUBLIC), 'utf8'), 'example');
}
