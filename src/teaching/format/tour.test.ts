import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { toBase64Url } from '../../scenario/base64url.ts';
import { crc32 } from '../../scenario/crc32.ts';
import { MAX_LINK_CHARS } from '../../scenario/codec.ts';
import { Caption } from '../player/Caption.tsx';
import { parseCaption, plainCaption } from './markdown.ts';
import { mergePatch } from './resolveStep.ts';
import { MAX_STEPS, parseTourText, parseTourValue, tourLabs, type Tour } from './tour.ts';
import { decodeTourLink, encodeTour, tourLink } from './tourLink.ts';

const scenario = { version: 1, lab: 'lvars', title: 'Counter', seed: 7, config: { program: 'let x = 1' }, view: { position: 3 } } as const;

const tour = (steps: unknown[], extra: Record<string, unknown> = {}): unknown => ({ format: 'latticework-tour', version: 1, title: 'A lecture', steps, ...extra });

const twoSteps = tour([
  { caption: 'State only **grows**.', scenario, highlight: { target: 'LVish program', mark: 'put' }, wait: 'target' },
  { caption: 'The ring.', example: { lab: 'dynamo', id: 'quorums', config: { quorum: { r: 2 } } }, wait: 'none' },
]);

const ok = <T,>(d: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};

/** A link payload of any JSON text, packed exactly as the codec packs (CRC ‖ DEFLATE). */
const pack = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  const deflated = deflateSync(bytes);
  const out = new Uint8Array(4 + deflated.length);
  new DataView(out.buffer).setUint32(0, crc32(bytes));
  out.set(deflated, 4);
  return `1.${toBase64Url(out)}`;
};

describe('tour format', () => {
  it('round-trips through a link and a file unchanged', () => {
    const parsed = ok(parseTourValue(twoSteps));
    const link = tourLink('https://example.org/app/#s=old', parsed);
    expect(link.startsWith('https://example.org/app/#tour=1.')).toBe(true);
    expect(ok(decodeTourLink(link))).toEqual(parsed);
    expect(ok(decodeTourLink(encodeTour(parsed)))).toEqual(parsed);
    expect(ok(parseTourText(JSON.stringify(parsed, null, 2)))).toEqual(parsed);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(twoSteps);
  });

  it('fills a missing wait and names the labs a deck visits', () => {
    const parsed = ok(parseTourValue(tour([{ caption: '', example: { lab: 'smt', id: 'pigeonhole-4-3' } }, { caption: '', scenario }])));
    expect(parsed.steps[0]!.wait).toBe('none');
    expect(tourLabs(parsed)).toEqual(['smt', 'lvars']);
  });

  it('migrates a version 0 scenario recorded in a step and refuses a newer tour', () => {
    const v0 = { lab: 'lvars', seed: 2, program: 'let y = 2' };
    const parsed = ok(parseTourValue(tour([{ caption: 'old', scenario: v0 }])));
    expect(parsed.steps[0]!.scenario).toEqual({ version: 1, lab: 'lvars', title: 'Untitled', seed: 2, config: { program: 'let y = 2' }, view: {} });
    const newer = parseTourValue(tour([{ caption: '', scenario }], { version: 2 }));
    expect(newer.ok || newer.error.kind).toBe('unknown-version');
    expect(newer.ok || newer.error.message).toMatch(/tour version 2; this one reads up to 1/);
  });

  it('refuses unknown labs, unknown fields and steps with two or no scenarios', () => {
    const unknownLab = parseTourValue(tour([{ caption: '', scenario: { ...scenario, lab: 'raft' } }]));
    expect(unknownLab.ok || unknownLab.error.message).toMatch(/steps\[0\]\.scenario/);
    const unknownExampleLab = parseTourValue(tour([{ caption: '', example: { lab: 'raft', id: 'x' } }]));
    expect(unknownExampleLab.ok || unknownExampleLab.error.message).toMatch(/steps\[0\]\.example\.lab/);
    const extra = parseTourValue(tour([{ caption: '', scenario, onclick: 'alert(1)' }]));
    expect(extra.ok || extra.error.message).toMatch(/steps\[0\]\.onclick: unknown field/);
    const both = parseTourValue(tour([{ caption: '', scenario, example: { lab: 'lvars', id: 'parity' } }]));
    expect(both.ok || both.error.message).toMatch(/exactly one of scenario and example/);
    const neither = parseTourValue(tour([{ caption: '' }]));
    expect(neither.ok).toBe(false);
    const pathId = parseTourValue(tour([{ caption: '', example: { lab: 'lvars', id: '../../index' } }]));
    expect(pathId.ok).toBe(false);
  });

  it('bounds a huge deck: steps, captions, the link and the unpacked size', () => {
    const many = parseTourValue(tour(Array.from({ length: MAX_STEPS + 1 }, () => ({ caption: '', scenario }))));
    expect(many.ok || many.error.message).toMatch(/at most 60 allowed/);
    const long = parseTourValue(tour([{ caption: 'x'.repeat(601), scenario }]));
    expect(long.ok || long.error.message).toMatch(/at most 600 allowed/);
    const longLink = decodeTourLink(`#tour=1.${'A'.repeat(MAX_LINK_CHARS + 1)}`);
    expect(longLink.ok || longLink.error.kind).toBe('too-large');
    // A small link that inflates past the limit (a DEFLATE bomb) is refused while it unpacks.
    const bomb = decodeTourLink(pack(JSON.stringify(tour([{ caption: ' '.repeat(1100 * 1024), scenario }]))));
    expect(bomb.ok || bomb.error.kind).toBe('too-large');
    const bigFile = parseTourText(' '.repeat(1024 * 1024 + 1));
    expect(bigFile.ok || bigFile.error.kind).toBe('too-large');
  });

  it('says what is wrong with a damaged link, a scenario link and broken file text', () => {
    const link = encodeTour(ok(parseTourValue(twoSteps)));
    const flipped = `${link.slice(0, 20)}${link[20] === 'A' ? 'B' : 'A'}${link.slice(21)}`;
    const damaged = decodeTourLink(flipped);
    expect(damaged.ok || damaged.error.message).toMatch(/^This tour link/);
    expect(decodeTourLink('#s=1.abc').ok).toBe(false);
    const notTour = decodeTourLink(pack(JSON.stringify(scenario)));
    expect(notTour.ok || notTour.error.message).toMatch(/is not a tour/);
    const broken = parseTourText('{"format": "latticework-tour",\n  "version": 1,,}');
    expect(broken.ok || broken.error.at).toEqual({ line: 2, column: 16 });
  });
});

describe('captions', () => {
  it('parses the markdown subset and keeps unclosed markers as text', () => {
    expect(parseCaption('A **bold** and *soft* `put`\n\nSecond')).toEqual([
      [
        { style: 'text', text: 'A ' },
        { style: 'strong', text: 'bold' },
        { style: 'text', text: ' and ' },
        { style: 'em', text: 'soft' },
        { style: 'text', text: ' ' },
        { style: 'code', text: 'put' },
      ],
      [{ style: 'text', text: 'Second' }],
    ]);
    expect(parseCaption('2 * 3 and **open')).toEqual([[{ style: 'text', text: '2 * 3 and **open' }]]);
    expect(plainCaption('The **ring**.')).toBe('The ring.');
  });

  it('renders scripts and HTML in a caption as text, never as markup', () => {
    const hostile = '<script>alert(1)</script> **<img src=x onerror=alert(2)>** [x](javascript:alert(3))';
    const html = renderToStaticMarkup(createElement(Caption, { text: hostile }));
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<strong>&lt;img src=x onerror=alert(2)&gt;</strong>');
    expect(html).not.toMatch(/href/);
  });
});

describe('example patches', () => {
  it('merges objects field by field, replaces lists and keeps __proto__ a plain key', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] }, d: 1 });
    const merged = mergePatch({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}') as { [k: string]: null }) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
  });
});

export type { Tour };
