import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url.ts';
import { decodeLink, encodeScenario, LINK_VERSION, MAX_LINK_CHARS, parseScenarioText, scenarioLink, validateScenario, type LinkErrorKind } from './codec.ts';
import { int, object, optional, str } from './schema.ts';
import { LAB_IDS, type Scenario } from './types.ts';

const jsonValue = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as Scenario['config']);
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  version: fc.constant(1 as const),
  lab: fc.constantFrom(...LAB_IDS),
  title: fc.string({ maxLength: 200 }),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  config: jsonValue,
  view: jsonValue,
});

const KINDS: LinkErrorKind[] = ['empty', 'truncated', 'corrupt', 'too-large', 'unknown-version', 'schema'];

describe('scenario links', () => {
  it('round-trips every scenario exactly', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const decoded = decodeLink(`#s=${encodeScenario(s)}`);
        expect(decoded).toEqual({ ok: true, value: s });
      }),
      { numRuns: 300 },
    );
  });

  it('is URL-safe and versioned', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const payload = encodeScenario(s);
        expect(payload.startsWith(`${LINK_VERSION}.`)).toBe(true);
        expect(encodeURIComponent(payload)).toBe(payload);
      }),
    );
  });

  it('accepts a whole URL, a fragment or a bare payload', () => {
    const s: Scenario = { version: 1, lab: 'lvars', title: 't', seed: 7, config: { a: 1 }, view: {} };
    const link = scenarioLink('http://localhost:5173/?x=1#old', s);
    expect(link.startsWith('http://localhost:5173/?x=1#s=')).toBe(true);
    for (const input of [link, link.slice(link.indexOf('#')), encodeScenario(s)]) expect(decodeLink(input)).toEqual({ ok: true, value: s });
  });

  it('never throws on corrupted links, and always says what is wrong', () => {
    const s: Scenario = { version: 1, lab: 'dynamo', title: 'cart', seed: 3, config: { text: 'x'.repeat(400), n: [1, 2, 3] }, view: { step: 4 } };
    const good = encodeScenario(s);
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.nat(good.length - 1), fc.string({ minLength: 1, maxLength: 3 }), (cut, at, junk) => {
        for (const input of [good.slice(0, cut), good.slice(0, at) + junk + good.slice(at + 1), `${good.slice(0, at)}${good.slice(at + 2)}`]) {
          const decoded = decodeLink(input);
          if (!decoded.ok) {
            expect(KINDS).toContain(decoded.error.kind);
            expect(decoded.error.message.length).toBeGreaterThan(10);
          } else {
            // A change that still decodes must have kept the checksum, i.e. changed nothing that matters.
            expect(decoded.value).toEqual(s);
          }
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeLink(`#s=${text}`);
        if (!decoded.ok) expect(KINDS).toContain(decoded.error.kind);
      }),
      { numRuns: 500 },
    );
  });

  it('names each kind of failure', () => {
    const s: Scenario = { version: 1, lab: 'lvars', title: 'x', seed: 1, config: { program: 'let x = 1;'.repeat(50) }, view: {} };
    const good = encodeScenario(s);
    const kind = (input: string) => {
      const d = decodeLink(input);
      return d.ok ? 'ok' : d.error.kind;
    };
    expect(kind('')).toBe('empty');
    expect(kind('#other=1')).toBe('empty');
    expect(kind(good.slice(0, good.length - 10))).toBe('truncated');
    expect(kind('1.')).toBe('truncated');
    const flipped = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
    expect(['corrupt', 'truncated']).toContain(kind(flipped));
    expect(kind('1.abc$def')).toBe('corrupt');
    expect(kind(`1.${'A'.repeat(MAX_LINK_CHARS + 1)}`)).toBe('too-large');
    expect(kind(`9.${good.slice(2)}`)).toBe('unknown-version');
    expect(kind(encodeScenario({ ...s, version: 1, seed: -1 } as Scenario))).toBe('schema');
    const newer = toBase64Url(new TextEncoder().encode(JSON.stringify({ ...s, version: 5 })));
    expect(kind(newer)).toBe('unknown-version');
    expect(kind('1000.')).toBe('unknown-version');
    expect(kind('#s=1000.')).toBe('unknown-version');
  });

  it('names what was opened: a damaged file is not called a link, and a JSON error has a line and column', () => {
    const file = parseScenarioText('{\n  "version": 1,\n  "lab": "lvars"\n  "title": "x"\n}\n', 'file');
    expect(file.ok).toBe(false);
    if (file.ok) return;
    expect(file.error.message).toMatch(/^This file is not valid JSON: .+ at line 4, column 3\.$/);
    expect(file.error.at).toEqual({ line: 4, column: 3 });
    const cut = parseScenarioText('{"version": 1,', 'file');
    expect(!cut.ok && cut.error.at).toEqual({ line: 1, column: 15 });
    const example = parseScenarioText('{"version": 1, "lab": "lvars", "title": "x", "seed": -1, "config": {}, "view": {}}', 'example');
    expect(!example.ok && example.error.message).toMatch(/^This example does not describe a valid scenario \(seed: /);
    const link = decodeLink(encodeScenario({ version: 1, lab: 'lvars', title: 'x', seed: -1, config: {}, view: {} } as Scenario));
    expect(!link.ok && link.error.message).toMatch(/^This link does not describe/);
  });

  it('refuses a link that inflates past the size limit (a zip bomb)', () => {
    const huge: Scenario = { version: 1, lab: 'lvars', title: 'big', seed: 1, config: { pad: ' '.repeat(2_000_000) }, view: {} };
    const payload = encodeScenario(huge);
    expect(payload.length).toBeLessThan(MAX_LINK_CHARS);
    const d = decodeLink(payload);
    expect(d.ok ? 'ok' : d.error.kind).toBe('too-large');
  });

  it('migrates version 0 links (uncompressed, settings at the top level)', () => {
    const v0 = { lab: 'lvars', seed: 42, title: 'Old', program: 'put(x, 1)', maxStates: 100 };
    const link = `#s=${toBase64Url(new TextEncoder().encode(JSON.stringify(v0)))}`;
    expect(decodeLink(link)).toEqual({
      ok: true,
      value: { version: 1, lab: 'lvars', title: 'Old', seed: 42, config: { program: 'put(x, 1)', maxStates: 100 }, view: {} },
    });
    const untitled = decodeLink(toBase64Url(new TextEncoder().encode(JSON.stringify({ lab: 'dynamo', n: 3 }))));
    expect(untitled.ok && untitled.value).toMatchObject({ title: 'Untitled', seed: 1, config: { n: 3 } });
  });

  it('validates the lab-owned fields with the lab schema', () => {
    const spec = { lab: 'lvars' as const, config: object({ program: str({ max: 100 }) }), view: object({ step: optional(int({ min: 0 }), 0) }) };
    const base: Scenario = { version: 1, lab: 'lvars', title: 't', seed: 1, config: { program: 'x' }, view: {} };
    expect(validateScenario(base, spec)).toEqual({ ok: true, value: { ...base, view: { step: 0 } } });
    const bad = validateScenario({ ...base, config: { program: 'x', extra: 1 } }, spec);
    expect(!bad.ok && bad.error).toMatchObject({ kind: 'schema' });
    expect(!bad.ok && bad.error.message).toContain('config.extra: unknown field');
    const wrongLab = validateScenario({ ...base, lab: 'dynamo' }, spec);
    expect(wrongLab.ok).toBe(false);
  });

  it('reads scenario files and says why a malformed one is refused', () => {
    expect(parseScenarioText('{"version":1').ok).toBe(false);
    const notScenario = parseScenarioText('[1,2]');
    expect(!notScenario.ok && notScenario.error.kind).toBe('schema');
    const missing = parseScenarioText('{"version":1,"lab":"lvars","seed":1,"config":{},"view":{}}');
    expect(!missing.ok && missing.error.message).toContain('title: missing field');
  });
});
