import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { int, object } from '../scenario/schema.ts';
import { SCENARIO_VERSION, type Scenario } from '../scenario/types.ts';
import { defineLab, type LabViewProps } from './types.tsx';

interface Config {
  n: number;
}
interface View {
  at: number;
}

const spec = { lab: 'dynamo' as const, config: object({ n: int({ min: 1 }) }), view: object({ at: int({ min: 0 }) }) };
const defaultScenario: Scenario<Config, View> = { version: SCENARIO_VERSION, lab: 'dynamo', title: 't', seed: 1, config: { n: 2 }, view: { at: 0 } };
function View({ scenario }: LabViewProps<Config, View>) {
  return createElement('p', null, scenario.config.n * 10 + scenario.view.at);
}
const lab = defineLab({ spec, defaultScenario, View });
const render = (scenario: Scenario) => renderToStaticMarkup(lab.render({ scenario, onChange: () => {}, mode: 'full' }));

describe('defineLab', () => {
  it('shows the default scenario and any scenario validate accepted, as the lab’s own types', () => {
    expect(render(lab.defaultScenario)).toBe('<p>20</p>');
    const checked = lab.validate({ ...defaultScenario, config: { n: 4 }, view: { at: 3 } });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(render(checked.value)).toBe('<p>43</p>');
  });

  it('validates a scenario it never accepted before showing it, and refuses a bad one', () => {
    expect(render({ ...defaultScenario, config: { n: 5 } })).toBe('<p>50</p>');
    expect(() => render({ ...defaultScenario, config: { n: 0 } })).toThrow(/does not accept.*config\.n/);
    expect(lab.validate({ ...defaultScenario, lab: 'solver' }).ok).toBe(false);
  });
});
