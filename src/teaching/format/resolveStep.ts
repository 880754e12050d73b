import { fetchExample } from '../../scenario/examples.ts';
import type { Decoded } from '../../scenario/codec.ts';
import type { Json } from '../../scenario/schema.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { TourStep } from './tour.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges a patch into a value: objects field by field, anything else (lists, numbers, text)
 * replaced whole. Keys are defined, never assigned, so `__proto__` in a link stays a plain key
 * (and then fails the lab's schema as an unknown field).
 */
export function mergePatch(base: unknown, patch: Json | undefined): unknown {
  if (patch === undefined) return base;
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(patch)])) {
    const value = Object.hasOwn(patch, key) ? mergePatch(base[key], patch[key] as Json) : base[key];
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The scenario a step sets up (not yet checked by its lab: the player does that). */
export async function resolveStep(step: TourStep, base: string): Promise<Decoded<Scenario>> {
  if (step.scenario) return { ok: true, value: step.scenario };
  const ref = step.example;
  if (!ref) return { ok: false, error: { kind: 'empty', message: 'This step sets up no scenario.' } };
  const example = await fetchExample(base, ref.lab, ref.id);
  if (!example.ok) return example;
  const scenario = example.value;
  return {
    ok: true,
    value: { ...scenario, config: mergePatch(scenario.config, ref.config), view: mergePatch(scenario.view, ref.view) },
  };
}
