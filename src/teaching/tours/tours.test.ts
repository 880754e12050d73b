import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spec as dynamo } from '../../labs/dynamo/scenario.ts';
import { spec as kernels } from '../../labs/kernels/scenario.ts';
import { spec as lvars } from '../../labs/lvars/scenario.ts';
import { spec as smt } from '../../labs/smt/scenario.ts';
import { spec as solver } from '../../labs/solver/scenario.ts';
import { parseScenarioText, validateScenario } from '../../scenario/codec.ts';
import type { LabId, LabScenarioSpec } from '../../scenario/types.ts';
import { mergePatch } from '../format/resolveStep.ts';
import { parseTourValue, tourLabs } from '../format/tour.ts';
import { BUILTIN_TOURS } from './index.ts';

const SPECS: Record<LabId, LabScenarioSpec<unknown, unknown>> = { dynamo, kernels, lvars, smt, solver } as Record<LabId, LabScenarioSpec<unknown, unknown>>;

describe('built-in tours', () => {
  it('one per lab, 5 to 10 steps, each a valid tour of its own lab', () => {
    expect(BUILTIN_TOURS.map((t) => t.lab).sort()).toEqual(['dynamo', 'kernels', 'lvars', 'smt', 'solver']);
    for (const { lab, tour } of BUILTIN_TOURS) {
      const parsed = parseTourValue(JSON.parse(JSON.stringify(tour)), 'example');
      expect(parsed.ok || parsed.error.message).toBe(true);
      expect(tour.steps.length).toBeGreaterThanOrEqual(5);
      expect(tour.steps.length).toBeLessThanOrEqual(10);
      expect(tourLabs(tour)).toEqual([lab]);
      for (const step of tour.steps) {
        expect(step.caption.length).toBeGreaterThan(20);
        expect(step.highlight?.target).toBeTruthy();
      }
    }
  });

  it('every step sets up a scenario its lab accepts: the example exists and the patch fits its schema', () => {
    for (const { tour } of BUILTIN_TOURS) {
      for (const [i, step] of tour.steps.entries()) {
        const ref = step.example!;
        const file = readFileSync(`public/examples/${ref.lab}/${ref.id}.json`, 'utf8');
        const example = parseScenarioText(file, 'example');
        if (!example.ok) throw new Error(`${ref.lab}/${ref.id}: ${example.error.message}`);
        const scenario = { ...example.value, config: mergePatch(example.value.config, ref.config), view: mergePatch(example.value.view, ref.view) };
        const checked = validateScenario(scenario, SPECS[ref.lab]);
        expect(checked.ok || `${tour.title}, step ${i + 1}: ${checked.error.message}`).toBe(true);
      }
    }
  });
});
