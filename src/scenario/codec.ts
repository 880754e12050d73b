import { deflateSync, Inflate } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { crc32 } from './crc32.ts';
import { migrate } from './migrate.ts';
import { int, json, literal, object, str, type Issue } from './schema.ts';
import { LAB_IDS, SCENARIO_VERSION, type LabScenarioSpec, type Scenario } from './types.ts';

/**
 * The scenario link: `#s=<link version>.<payload>`, carried in the URL fragment so it never
 * reaches a server.
 *
 * Link version 1: payload = base64url( CRC-32 of the JSON, 4 bytes big-endian ‖ raw DEFLATE of the
 * UTF-8 JSON ). Link version 0 (pre-release): payload = base64url(UTF-8 JSON), no dot, no checksum.
 * The CRC tells corruption apart from a merely different scenario: DEFLATE alone happily inflates
 * a flipped byte into other text.
 */
export const LINK_VERSION = 1;
/** Largest payload accepted (characters after `s=`); browsers allow more, chat apps and mail do not. */
export const MAX_LINK_CHARS = 64 * 1024;
/** Largest scenario accepted after inflation, so a crafted link cannot exhaust memory. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export type LinkErrorKind = 'empty' | 'truncated' | 'corrupt' | 'too-large' | 'unknown-version' | 'schema';

export interface LinkError {
  kind: LinkErrorKind;
  /** One sentence for the user: what is wrong and what to do. */
  message: string;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: LinkError };

const ADVICE: Record<LinkErrorKind, string> = {
  empty: 'The link carries no scenario.',
  truncated: 'This link is incomplete, probably cut off when it was copied. Ask for the whole link.',
  corrupt: 'This link is damaged (its contents do not match its checksum). Ask for the link again.',
  'too-large': 'This link is larger than Latticework accepts. Share the scenario as a file instead.',
  'unknown-version': 'This link needs a newer version of Latticework. Update the app, then open it again.',
  schema: 'This link does not describe a valid scenario.',
};

const failure = (kind: LinkErrorKind, detail?: string): { ok: false; error: LinkError } => ({
  ok: false,
  error: { kind, message: detail ? `${ADVICE[kind]} (${detail})` : ADVICE[kind] },
});

const envelope = object({
  version: literal(SCENARIO_VERSION),
  lab: literal(...LAB_IDS),
  title: str({ max: 200 }),
  seed: int({ min: 0, max: 0xffffffff }),
  config: json(),
  view: json(),
});

/** Encodes a scenario as the value of the `s` fragment parameter. */
export function encodeScenario(scenario: Scenario): string {
  const text = new TextEncoder().encode(JSON.stringify(scenario));
  const packed = deflateSync(text, { level: 9 });
  const bytes = new Uint8Array(4 + packed.length);
  new DataView(bytes.buffer).setUint32(0, crc32(text));
  bytes.set(packed, 4);
  return `${LINK_VERSION}.${toBase64Url(bytes)}`;
}

/** The full link for a scenario, given the page address it should open. */
export function scenarioLink(pageUrl: string, scenario: Scenario): string {
  return `${pageUrl.split('#')[0]}#s=${encodeScenario(scenario)}`;
}

/** Finds the `s` parameter in a fragment (`#s=...`), a whole URL, or returns the text itself. */
export function linkPayload(input: string): string | undefined {
  const hashAt = input.indexOf('#');
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input;
  for (const part of fragment.split('&')) {
    if (part.startsWith('s=')) return part.slice(2);
  }
  if (hashAt >= 0 || input.includes('=') || /^[a-z][a-z+.-]*:\/\//i.test(input)) return undefined;
  return input;
}

/**
 * Decodes a link (fragment, URL or bare payload) into a scenario envelope whose `config` and
 * `view` are still unchecked JSON; pass it to `validateScenario` with the lab's schemas.
 * Never throws: every failure is a LinkError.
 */
export function decodeLink(input: string): Decoded<Scenario> {
  const payload = linkPayload(input.trim());
  if (!payload) return failure('empty');
  if (payload.length > MAX_LINK_CHARS)
    return failure('too-large', `${payload.length} characters, at most ${MAX_LINK_CHARS}`);

  const dot = payload.indexOf('.');
  const versionText = dot < 0 ? '0' : payload.slice(0, dot);
  const body = dot < 0 ? payload : payload.slice(dot + 1);
  if (!/^\d{1,3}$/.test(versionText)) return failure('corrupt', 'unreadable link version');
  const linkVersion = Number(versionText);
  if (linkVersion > LINK_VERSION)
    return failure('unknown-version', `link version ${linkVersion}; this app reads up to ${LINK_VERSION}`);
  if (body.length === 0) return failure('truncated', 'nothing after the version');
  if (/[^A-Za-z0-9_-]/.test(body)) return failure('corrupt', 'characters outside the link alphabet');
  const bytes = fromBase64Url(body);
  if (!bytes) return failure('truncated', 'the encoded data ends mid-character');

  const text = linkVersion === 0 ? checkedSize(bytes) : unpack(bytes);
  if (!text.ok) return text;
  return parseScenarioText(text.value, linkVersion === 0);
}

function checkedSize(bytes: Uint8Array): Decoded<Uint8Array> {
  return bytes.length > MAX_SCENARIO_BYTES ? failure('too-large') : { ok: true, value: bytes };
}

function unpack(bytes: Uint8Array): Decoded<Uint8Array> {
  if (bytes.length < 5) return failure('truncated', 'too short to hold a scenario');
  const expected = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    const inflate = new Inflate();
    inflate.ondata = (chunk) => {
      size += chunk.length;
      if (size > MAX_SCENARIO_BYTES) {
        tooLarge = true;
        throw new Error('too large');
      }
      chunks.push(chunk);
    };
    inflate.push(bytes.subarray(4), true);
  } catch (e) {
    if (tooLarge) return failure('too-large', `more than ${MAX_SCENARIO_BYTES} bytes once unpacked`);
    const message = e instanceof Error ? e.message : '';
    return message.includes('unexpected EOF') ? failure('truncated') : failure('corrupt', 'the data does not unpack');
  }
  const text = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    text.set(chunk, at);
    at += chunk.length;
  }
  if (crc32(text) !== expected) return failure('corrupt');
  return { ok: true, value: text };
}

/** Parses scenario JSON text (from a link, a file or storage), migrating older versions. */
export function parseScenarioText(bytes: Uint8Array | string, unchecked = false): Decoded<Scenario> {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure('corrupt', 'the text is not valid UTF-8');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Without a checksum (version 0 links), an unterminated document is most likely a cut-off link.
    const cut = unchecked && !/[}\]]\s*$/.test(text);
    return failure(cut ? 'truncated' : 'corrupt', 'not valid JSON');
  }
  return parseScenarioValue(raw);
}

/** Migrates and checks the common fields of a scenario value. */
export function parseScenarioValue(raw: unknown): Decoded<Scenario> {
  const migrated = migrate(raw);
  if (!migrated.ok) return failure(migrated.kind, migrated.message);
  const checked = envelope.parse(migrated.value);
  return checked.ok ? { ok: true, value: checked.value } : schemaFailure(checked.issue);
}

/** Checks the lab-owned fields with the lab's schemas, returning the typed scenario. */
export function validateScenario<C, V>(scenario: Scenario, spec: LabScenarioSpec<C, V>): Decoded<Scenario<C, V>> {
  if (scenario.lab !== spec.lab) return failure('schema', `lab is ${scenario.lab}, expected ${spec.lab}`);
  const config = spec.config.parse(scenario.config, 'config');
  if (!config.ok) return schemaFailure(config.issue);
  const view = spec.view.parse(scenario.view, 'view');
  if (!view.ok) return schemaFailure(view.issue);
  return { ok: true, value: { ...scenario, config: config.value, view: view.value } };
}

function schemaFailure(issue: Issue): { ok: false; error: LinkError } {
  return failure('schema', `${issue.path}: ${issue.message}`);
}
