import { useEffect, useState } from 'react';
import { errorMessage } from '../../errors.ts';
import { findLab } from '../../labs/registry.ts';
import type { LoadedLab } from '../../labs/types.tsx';
import type { Scenario } from '../../scenario/types.ts';
import { loadLab } from '../../shell/labLoader.ts';
import { resolveStep } from '../format/resolveStep.ts';
import type { TourStep } from '../format/tour.ts';

export type StepSetup = { state: 'loading' } | { state: 'ready'; lab: LoadedLab; scenario: Scenario } | { state: 'failed'; message: string };

const BASE = import.meta.env.BASE_URL;

/** The lab and the checked scenario one step sets up; a step that cannot is reported, never shown half. */
export async function setUpStep(step: TourStep, source: 'link' | 'example'): Promise<StepSetup> {
  const resolved = await resolveStep(step, BASE);
  if (!resolved.ok) return { state: 'failed', message: resolved.error.message };
  const entry = findLab(resolved.value.lab);
  if (!entry) return { state: 'failed', message: `This step is for the ${resolved.value.lab} lab, which this version of Latticework does not have.` };
  const lab = await loadLab(entry);
  const checked = lab.validate(resolved.value, source);
  if (!checked.ok) return { state: 'failed', message: checked.error.message };
  return { state: 'ready', lab, scenario: checked.value };
}

/** Sets up the step at `index` afresh every time it is shown, so going back shows it exactly as before. */
export function useStepScenario(step: TourStep, index: number, source: 'link' | 'example'): StepSetup {
  const [setup, setSetup] = useState<{ index: number; step: TourStep; value: StepSetup }>();
  useEffect(() => {
    let live = true;
    setUpStep(step, source)
      .catch((e: unknown): StepSetup => ({ state: 'failed', message: `This step could not be set up (${errorMessage(e)}).` }))
      .then((value) => live && setSetup({ index, step, value }));
    return () => {
      live = false;
    };
  }, [step, index, source]);
  return setup && setup.index === index && setup.step === step ? setup.value : { state: 'loading' };
}
