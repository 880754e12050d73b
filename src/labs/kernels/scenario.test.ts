import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../engines/kernels/compile.ts';
import { decodeLink, encodeScenario, validateScenario } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import { defaultScenario, spec } from './scenario.ts';

const withConfig = (patch: Record<string, unknown>) => JSON.parse(JSON.stringify({ ...defaultScenario, config: { ...defaultScenario.config, ...patch } })) as Scenario;

describe('kernels scenarios', () => {
  it('start from Black-Scholes, which fuses into one loop', () => {
    expect(validateScenario(withConfig({}), spec).ok).toBe(true);
    const c = compileProgram(defaultScenario.config.source);
    expect(c.parallel.nodes.filter((n) => n.kind === 'parfor')).toHaveLength(1);
    expect(c.eliminated).toContain('d1');
  });

  it('carry a user image as name and SHA-256 through a link, never its pixels', () => {
    const image = { width: 48, height: 40, file: { name: 'disc.png', sha256: 'ab'.repeat(32) } };
    const decoded = decodeLink(`#s=${encodeScenario(withConfig({ image }))}`);
    expect(decoded.ok).toBe(true);
    const checked = validateScenario(decoded.ok ? decoded.value : withConfig({}), spec);
    expect(checked.ok && checked.value.config.image).toEqual(image);
    const pixels = validateScenario(withConfig({ image: { width: 2, height: 2, builtin: 'rings', pixels: [0, 1, 0, 1] } }), spec);
    expect(!pixels.ok && pixels.error.message).toMatch(/pixels.*unknown field/);
    const badHash = validateScenario(withConfig({ image: { ...image, file: { name: 'x.png', sha256: 'nothex' } } }), spec);
    expect(badHash.ok).toBe(false);
  });

  it('bound sizes and worker counts, so a link cannot ask for more than a page can hold', () => {
    expect(validateScenario(withConfig({ size: 1e9 }), spec).ok).toBe(false);
    expect(validateScenario(withConfig({ workers: 0 }), spec).ok).toBe(false);
    expect(validateScenario(withConfig({ backends: ['naive', 'cuda'] }), spec).ok).toBe(false);
    expect(validateScenario(withConfig({ sweep: { sizes: [1e9] } }), spec).ok).toBe(false);
  });
});
