import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import { createRunContext } from '../../engines/runContext.ts';
import { engine } from '../../engines/solver/engine.ts';
import { generateNetwork } from '../../engines/solver/model/generate.ts';
import { parseVnnlib } from '../../engines/solver/formats/vnnlib.ts';
import { makeNamer } from './naming.ts';
import { isPropertyFile } from './networkFile.ts';
import { defaultScenario, spec } from './scenario.ts';
import { sliceFrame } from './sliceRange.ts';
import { countVisible, layoutTree } from './treeLayout.ts';

describe('solver lab', () => {
  const result = engine.run(defaultScenario.config, defaultScenario.seed, createRunContext({ maxSteps: 1e7, maxMillis: 1e9 })) as Awaited<ReturnType<typeof engine.run>>;

  it('starts from a valid scenario whose run finds a counterexample after a real search', () => {
    expect(validateScenario(JSON.parse(JSON.stringify(defaultScenario)) as Scenario, spec).ok).toBe(true);
    expect(result.summary.verdict).toBe('violated');
    expect(result.summary.stats.nodes).toBeGreaterThan(50);
  });

  it('names nodes, neurons, variables and steps for the views', () => {
    const namer = makeNamer(result, { mean: [19791.091, 0, 0, 650, 600], range: [60261, 6.28318530718, 6.28318530718, 1100, 1200] });
    expect(namer.neuron(0)).toBe('ReLU 1.1');
    expect(namer.neuron(17)).toBe('ReLU 2.2');
    const inputNode = Array.from(result.trace.tree.kind).indexOf(2);
    expect(namer.node(inputNode)).toMatch(/^(rho|theta|psi|v_own|v_int) [≤≥] -?\d/);
    expect(namer.event(0)).toMatch(/^node \d+: /);
    expect(namer.fate(4)).toBe('counterexample');
  });

  it('lays the tree out node-link while small and as an icicle when large, replaying by position', () => {
    const tree = result.trace.tree;
    const all = layoutTree(tree, Infinity, 800, 400, 'auto');
    expect(all.kind).toBe(tree.count <= 255 ? 'tree' : 'icicle');
    expect(all.visible).toBe(tree.count);
    const early = layoutTree(tree, 20, 800, 400, 'tree');
    expect(early.visible).toBe(countVisible(tree, 20));
    expect(early.visible).toBeLessThan(tree.count);
    const icicle = layoutTree(tree, Infinity, 800, 400, 'icicle');
    // Children sit inside their parent's span (a sliver under a pixel wide is drawn one pixel wide, at its pixel column).
    const at = new Map(icicle.nodes.map((n) => [n.id, n]));
    for (const n of icicle.nodes) {
      const p = at.get(tree.parent[n.id]!);
      if (!p) continue;
      expect(n.x).toBeGreaterThanOrEqual(Math.floor(p.x) - 1e-9);
      expect(n.x + n.width).toBeLessThanOrEqual(p.x + p.width + 1 + 1e-6);
    }
    // Every depth the search reached has a row, however narrow its nodes.
    let deepest = 0;
    for (let i = 0; i < tree.count; i++) deepest = Math.max(deepest, tree.depth[i]!);
    expect(icicle.maxDepth).toBe(deepest);
    expect(new Set(icicle.nodes.map((n) => n.depth)).size).toBe(deepest + 1);
  });

  it('frames the input-space slice on the property box, through the counterexample', () => {
    const model = generateNetwork({ preset: 'mini-acas', seed: 7, hidden: [16, 16], activation: 'relu' });
    const property = parseVnnlib(defaultScenario.config.property);
    const cex = result.summary.counterexample!.input;
    const frame = sliceFrame(model, property, 'original', { x: 0, y: 1, fixed: [], zoom: 'box' }, cex);
    expect(frame.xRange[0]).toBeLessThan(12300);
    expect(frame.xRange[1]).toBeGreaterThan(30000);
    expect(frame.fixed).toEqual(cex);
    const full = sliceFrame(model, property, 'original', { x: 0, y: 1, fixed: [], zoom: 'full' }, undefined);
    expect(full.xRange).toEqual([0, 60760]);
  });
});

describe('files opened on the solver lab', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('opens a VNN-LIB property as a property, by extension or by content, and a network as a network', () => {
    expect(isPropertyFile('prop_1.vnnlib', bytes('; ACAS Xu property 1\n(declare-const X_0 Real)'))).toBe(true);
    expect(isPropertyFile('PROP.VNNLIB', new Uint8Array([8, 1, 18]))).toBe(true);
    expect(isPropertyFile('untitled', bytes('\n(declare-const X_0 Real)'))).toBe(true);
    expect(isPropertyFile('net.onnx', bytes('(looks like text)'))).toBe(false);
    expect(isPropertyFile('ACASXU_run2a_1_1_batch_2000.nnet', bytes('// header\n7,5,5,50,'))).toBe(false);
    expect(isPropertyFile('model', new Uint8Array([8, 7, 18, 4]))).toBe(false);
  });
});
