import { deflateSync, Inflate } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { crc32 } from './crc32.ts';
import { migrate } from './migrate.ts';
import { int, json, literal, object, str, type Issue } from './schema.ts';
import { LAB_IDS, SCENARIO_VERSION, type LabScenarioSpec, type Scenario } from './types.ts';
import { errorMessage } from '../errors.ts';

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

/** Where a scenario came from: every message names it, so a damaged file is never called a link. */
export type ScenarioSource = 'link' | 'file' | 'example' | 'saved work';

export interface LinkError {
  kind: LinkErrorKind;
  /** One sentence for the user: what is wrong and what to do. */
  message: string;
  /** Where in the text the problem is (a JSON syntax error in a file), 1-based. */
  at?: { line: number; column: number };
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: LinkError };

const NOUN: Record<ScenarioSource, string> = { link: 'This link', file: 'This file', example: 'This example', 'saved work': 'The saved work' };

function advice(kind: LinkErrorKind, source: ScenarioSource): string {
  const it = NOUN[source];
  switch (kind) {
    case 'empty':
      return `${it} carries no scenario.`;
    case 'truncated':
      return source === 'link' ? 'This link is incomplete, probably cut off when it was copied. Ask for the whole link.' : `${it} ends before the scenario does.`;
    case 'corrupt':
      return source === 'link'
        ? 'This link is damaged (its contents do not match its checksum). Ask for the link again.'
        : `${it} is not a readable scenario.`;
    case 'too-large':
      return source === 'link' ? 'This link is larger than Latticework accepts. Share the scenario as a file instead.' : `${it} is larger than Latticework accepts.`;
    case 'unknown-version':
      return `${it} needs a newer version of Latticework. Update the app, then open it again.`;
    case 'schema':
      return `${it} does not describe a valid scenario.`;
  }
}

const failure = (kind: LinkErrorKind, detail?: string, source: ScenarioSource = 'link', at?: LinkError['at']): { ok: false; error: LinkError } => ({
  ok: false,
  error: { kind, message: detail ? `${advice(kind, source).replace(/\.$/, '')} (${detail}).` : advice(kind, source), ...(at ? { at } : {}) },
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
  return packJson(scenario);
}

/** Packs any JSON value as a link payload (version 1: CRC-32 ‖ DEFLATE, base64url); tours use it too. */
export function packJson(value: unknown): string {
  const text = new TextEncoder().encode(JSON.stringify(value));
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

/** Finds the `s` parameter (or `key`) in a fragment (`#s=...`), a whole URL, or returns the text itself. */
export function linkPayload(input: string, key = 's'): string | undefined {
  const hashAt = input.indexOf('#');
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input;
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${key}=`)) return part.slice(key.length + 1);
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
  const text = unpackPayload(linkPayload(input.trim()));
  return text.ok ? parseScenarioText(text.value.bytes, 'link', text.value.unchecked) : text;
}

/**
 * The JSON bytes a link payload carries, checked (size, alphabet, version, CRC) but not parsed.
 * `unchecked`: a version 0 payload, which has no checksum. Never throws.
 */
export function unpackPayload(payload: string | undefined): Decoded<{ bytes: Uint8Array; unchecked: boolean }> {
  if (!payload) return failure('empty');
  if (payload.length > MAX_LINK_CHARS)
    return failure('too-large', `${payload.length} characters, at most ${MAX_LINK_CHARS}`);

  const dot = payload.indexOf('.');
  const versionText = dot < 0 ? '0' : payload.slice(0, dot);
  const body = dot < 0 ? payload : payload.slice(dot + 1);
  if (!/^\d+$/.test(versionText)) return failure('corrupt', 'unreadable link version');
  const linkVersion = Number(versionText);
  if (linkVersion > LINK_VERSION)
    return failure('unknown-version', `link version ${linkVersion}; this app reads up to ${LINK_VERSION}`);
  if (body.length === 0) return failure('truncated', 'nothing after the version');
  if (/[^A-Za-z0-9_-]/.test(body)) return failure('corrupt', 'characters outside the link alphabet');
  const bytes = fromBase64Url(body);
  if (!bytes) return failure('truncated', 'the encoded data ends mid-character');

  const text = linkVersion === 0 ? checkedSize(bytes) : unpack(bytes);
  return text.ok ? { ok: true, value: { bytes: text.value, unchecked: linkVersion === 0 } } : text;
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

/**
 * Parses scenario JSON text (from a link, a file, an example or storage), migrating older versions.
 * `unchecked`: the text carried no checksum (a version 0 link), so a cut-off document is likely.
 */
export function parseScenarioText(bytes: Uint8Array | string, source: ScenarioSource = 'file', unchecked = false): Decoded<Scenario> {
  const raw = parseJsonText(bytes, source, unchecked);
  return raw.ok ? parseScenarioValue(raw.value, source) : raw;
}

/** UTF-8 JSON text (from a link, a file, an example or storage) as a value, or where it is broken. */
export function parseJsonText(bytes: Uint8Array | string, source: ScenarioSource = 'file', unchecked = false): Decoded<unknown> {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure('corrupt', 'the text is not valid UTF-8', source);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    if (source === 'link') {
      const cut = unchecked && !/[}\]]\s*$/.test(text);
      return failure(cut ? 'truncated' : 'corrupt', 'not valid JSON', source);
    }
    const at = jsonErrorPosition(text, e);
    const message = `${NOUN[source]} is not valid JSON: ${jsonErrorReason(e)} at line ${at.line}, column ${at.column}.`;
    return { ok: false, error: { kind: 'corrupt', message, at } };
  }
  return { ok: true, value: raw };
}

/** Line and column (1-based) of a JSON.parse error, from the offset the engine reports (or the end). */
export function jsonErrorPosition(text: string, e: unknown): { line: number; column: number } {
  const message = e instanceof Error ? e.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Math.min(Number(position[1]), text.length) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The engine's reason for a JSON syntax error, without its position (given separately). */
function jsonErrorReason(e: unknown): string {
  return errorMessage(e).replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s*(in JSON )?at position \d+/, '').replace(/^SyntaxError:\s*/, '') || 'a syntax error';
}

/** Migrates and checks the common fields of a scenario value. */
export function parseScenarioValue(raw: unknown, source: ScenarioSource = 'link'): Decoded<Scenario> {
  const migrated = migrate(raw);
  if (!migrated.ok) return failure(migrated.kind, migrated.message, source);
  const checked = envelope.parse(migrated.value);
  return checked.ok ? { ok: true, value: checked.value } : schemaFailure(checked.issue, source);
}

/** Checks the lab-owned fields with the lab's schemas, returning the typed scenario. */
export function validateScenario<C, V>(scenario: Scenario, spec: LabScenarioSpec<C, V>, source: ScenarioSource = 'link'): Decoded<Scenario<C, V>> {
  if (scenario.lab !== spec.lab) return failure('schema', `lab is ${scenario.lab}, expected ${spec.lab}`, source);
  const config = spec.config.parse(scenario.config, 'config');
  if (!config.ok) return schemaFailure(config.issue, source);
  const view = spec.view.parse(scenario.view, 'view');
  if (!view.ok) return schemaFailure(view.issue, source);
  return { ok: true, value: { ...scenario, config: config.value, view: view.value } };
}

function schemaFailure(issue: Issue, source: ScenarioSource): { ok: false; error: LinkError } {
  return failure('schema', `${issue.path}: ${issue.message}`, source);
}
