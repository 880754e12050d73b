import { parseJsonText, parseScenarioValue, MAX_SCENARIO_BYTES, type Decoded, type LinkError, type ScenarioSource } from '../../scenario/codec.ts';
import { json, list, literal, object, optional, refine, str, type Json, type Schema } from '../../scenario/schema.ts';
import { LAB_IDS, type LabId, type Scenario } from '../../scenario/types.ts';

/**
 * A tour (or a lecture deck: the same format, whose steps may span labs) is data, never code: an
 * ordered list of steps, each a scenario to set up on the real engine, a caption in the small
 * markdown subset of markdown.ts, what to highlight and whether to wait for the engine. It travels
 * in the scenario codec (tourLink.ts) and in files, validated like a scenario.
 */
export const TOUR_FORMAT = 'latticework-tour';
/** The current tour format; a newer one is refused with "update the app", an older one migrated. */
export const TOUR_VERSION = 1;
export const MAX_STEPS = 60;
export const MAX_CAPTION_CHARS = 600;

/**
 * What a step points at: the first element in the lab whose accessible name (aria-label) is
 * `target` or starts with it ("Node C" finds "Node C: up."), and within it, optionally, the
 * element whose text holds `mark` (a line of code, a tree node's label).
 */
export interface Highlight {
  target: string;
  mark?: string;
}

/** A built-in example, optionally with part of its config and view replaced (merged field by field). */
export interface ExampleRef {
  lab: LabId;
  id: string;
  config?: Json;
  view?: Json;
}

export interface TourStep {
  caption: string;
  /** Exactly one of `scenario` (recorded in the app, self-contained) and `example` (built-in tours). */
  scenario?: Scenario;
  example?: ExampleRef;
  highlight?: Highlight;
  /** `target`: the step is ready when its highlighted element appears (a run finished, a view shown). */
  wait: 'none' | 'target';
}

export interface Tour {
  format: typeof TOUR_FORMAT;
  version: typeof TOUR_VERSION;
  title: string;
  steps: TourStep[];
}

const EXAMPLE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A scenario inside a step: migrated and envelope-checked like any link; the lab checks the rest. */
const scenarioField: Schema<Scenario> = {
  parse(value, path = '') {
    const checked = parseScenarioValue(value);
    if (checked.ok) return checked;
    return { ok: false, issue: { path, message: checked.error.message.replace(/^This link /, 'the scenario ') } };
  },
};

const highlightSchema = object({
  target: str({ min: 1, max: 120 }),
  mark: optional(str({ min: 1, max: 120 }), undefined as string | undefined),
});

const exampleSchema = object({
  lab: literal(...LAB_IDS),
  id: str({ max: 60, pattern: EXAMPLE_ID }),
  config: optional(json({ maxDepth: 16, maxNodes: 20_000 }), undefined as Json | undefined),
  view: optional(json({ maxDepth: 16, maxNodes: 20_000 }), undefined as Json | undefined),
});

const stepSchema = refine(
  object({
    caption: str({ max: MAX_CAPTION_CHARS }),
    scenario: optional(scenarioField, undefined as Scenario | undefined),
    example: optional(exampleSchema, undefined as ExampleRef | undefined),
    highlight: optional(highlightSchema, undefined as Highlight | undefined),
    wait: optional(literal('none', 'target'), 'none'),
  }),
  (step) => ((step.scenario === undefined) === (step.example === undefined) ? 'a step needs exactly one of scenario and example' : undefined),
);

const tourSchema = object({
  format: literal(TOUR_FORMAT),
  version: literal(TOUR_VERSION),
  title: str({ max: 200 }),
  steps: list(stepSchema, { min: 1, max: MAX_STEPS }),
});

/** Drops the fields a schema filled with `undefined`, so a tour round-trips to the same JSON. */
function compact(step: TourStep): TourStep {
  const out: TourStep = { caption: step.caption, wait: step.wait };
  if (step.scenario) out.scenario = step.scenario;
  if (step.example) {
    const { lab, id, config, view } = step.example;
    out.example = { lab, id, ...(config === undefined ? {} : { config }), ...(view === undefined ? {} : { view }) };
  }
  if (step.highlight) out.highlight = { target: step.highlight.target, ...(step.highlight.mark ? { mark: step.highlight.mark } : {}) };
  return out;
}

const NOUN: Record<ScenarioSource, string> = { link: 'This tour link', file: 'This tour file', example: 'This built-in tour', 'saved work': 'The saved tour' };

function tourFailure(kind: LinkError['kind'], source: ScenarioSource, detail: string): { ok: false; error: LinkError } {
  return { ok: false, error: { kind, message: `${NOUN[source]} ${detail}` } };
}

/**
 * Brings a tour written by an earlier Latticework to the current format. Version 1 is the first;
 * the scenarios inside its steps are migrated by the scenario migration (a version 0 scenario
 * recorded into a tour opens as version 1). A newer tour is refused, naming both versions.
 */
export function migrateTour(raw: unknown, source: ScenarioSource): Decoded<unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return tourFailure('schema', source, 'is not a tour (expected an object).');
  const record = raw as Record<string, unknown>;
  if (record.format !== TOUR_FORMAT) return tourFailure('schema', source, `is not a tour (format is ${JSON.stringify(record.format)?.slice(0, 40)}, expected "${TOUR_FORMAT}").`);
  const version = record.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > TOUR_VERSION)
    return tourFailure('unknown-version', source, `was made by a newer Latticework (tour version ${version}; this one reads up to ${TOUR_VERSION}). Update the app, then open it again.`);
  return { ok: true, value: raw };
}

/** Checks a parsed value as a tour. Never throws; the message names the path of the first problem. */
export function parseTourValue(raw: unknown, source: ScenarioSource = 'link'): Decoded<Tour> {
  const migrated = migrateTour(raw, source);
  if (!migrated.ok) return migrated;
  const checked = tourSchema.parse(migrated.value);
  if (!checked.ok) return tourFailure('schema', source, `does not describe a valid tour (${checked.issue.path}: ${checked.issue.message}).`);
  return { ok: true, value: { ...checked.value, steps: checked.value.steps.map(compact) } };
}

/** Parses tour JSON text (a file, or the bytes of a link), bounded like a scenario. */
export function parseTourText(text: Uint8Array | string, source: ScenarioSource = 'file', unchecked = false): Decoded<Tour> {
  const size = typeof text === 'string' ? text.length : text.byteLength;
  if (size > MAX_SCENARIO_BYTES) return tourFailure('too-large', source, `is larger than Latticework accepts (${size} bytes, at most ${MAX_SCENARIO_BYTES}).`);
  const raw = parseJsonText(text, source, unchecked);
  if (!raw.ok) return { ok: false, error: { ...raw.error, message: raw.error.message.replace(/^This (link|file)/, `${NOUN[source]}`) } };
  return parseTourValue(raw.value, source);
}

/** The labs a tour visits, in order of first appearance: one lab is a tour, several a deck. */
export function tourLabs(tour: Tour): LabId[] {
  const labs: LabId[] = [];
  for (const step of tour.steps) {
    const lab = step.scenario?.lab ?? step.example?.lab;
    if (lab && !labs.includes(lab)) labs.push(lab);
  }
  return labs;
}
