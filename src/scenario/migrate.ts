import { SCENARIO_VERSION } from './types.ts';

/**
 * Brings a scenario written by any earlier version of Latticework to the current format.
 *
 * Version 0 (the pre-release format, links without a `version` field): the lab's settings sat at
 * the top level next to `lab`, `seed` and an optional `title`, and there was no view state.
 * Version 1 moves the lab's settings under `config` and adds `view`.
 *
 * Returns the migrated value, or a reason why it cannot be read. Never throws.
 */
export type Migrated = { ok: true; value: unknown } | { ok: false; kind: 'unknown-version' | 'schema'; message: string };

export function migrate(raw: unknown): Migrated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, kind: 'schema', message: 'the scenario is not an object' };
  const record = raw as Record<string, unknown>;
  const version = record.version ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { ok: false, kind: 'schema', message: `version: expected a whole number, got ${JSON.stringify(version)}` };
  if (version > SCENARIO_VERSION)
    return {
      ok: false,
      kind: 'unknown-version',
      message: `it was made by a newer Latticework (scenario version ${version}; this one reads up to ${SCENARIO_VERSION})`,
    };
  let current: Record<string, unknown> = record;
  if (version === 0) current = fromVersion0(current);
  return { ok: true, value: current };
}

function fromVersion0(v0: Record<string, unknown>): Record<string, unknown> {
  const { lab, seed, title, version: _version, ...settings } = v0;
  return {
    version: 1,
    lab,
    title: title ?? 'Untitled',
    seed: seed ?? 1,
    config: settings,
    view: {},
  };
}
