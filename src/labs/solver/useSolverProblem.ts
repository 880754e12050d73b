import { useMemo } from 'react';
import { InputError } from '../../engines/contract.ts';
import type { NetworkRef, SolverConfig, SolverRequest } from '../../engines/solver/config.ts';
import { loadNetwork } from '../../engines/solver/formats/load.ts';
import { parseVnnlib } from '../../engines/solver/formats/vnnlib.ts';
import type { NetworkModel } from '../../engines/solver/model/network.ts';
import { buildProblem } from '../../engines/solver/model/problem.ts';
import type { Spec } from '../../engines/solver/model/spec.ts';
import { errorMessage } from '../../errors.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';

/** An error for a person: where in the file (if known), then what. */
export function describeError(e: unknown): string {
  const message = errorMessage(e);
  return e instanceof InputError && e.at ? `line ${e.at.line}, column ${e.at.column}: ${message}` : message;
}

function tryModel(network: NetworkRef, data: SolverRequest['networkData']): { model?: NetworkModel; error?: string } {
  if (network.kind === 'file' && !data) return {};
  try {
    return { model: loadNetwork(network, data) };
  } catch (e) {
    return { error: `${network.kind === 'generated' ? 'The network' : network.name}: ${describeError(e)}` };
  }
}

function tryProperty(text: string, model: NetworkModel | undefined, units: SolverConfig['units']): { spec?: Spec; markers: EditorMarker[] } {
  const marker = (e: unknown): EditorMarker[] => {
    const at = e instanceof InputError && e.at ? e.at : { line: 1, column: 1 };
    return [{ line: at.line, column: at.column, message: errorMessage(e), severity: 'error' }];
  };
  let spec: Spec;
  try {
    spec = parseVnnlib(text);
  } catch (e) {
    return { markers: marker(e) };
  }
  if (model) {
    try {
      buildProblem(model, spec, units);
    } catch (e) {
      return { spec, markers: marker(e) };
    }
  }
  return { spec, markers: [] };
}

/**
 * The network and the property the scenario names, read as the engine will read them, and what
 * (if anything) stops a run: a missing or broken network file, an error in the property.
 */
export function useSolverProblem(config: SolverConfig, data: SolverRequest['networkData'], missing: boolean) {
  const loaded = useMemo(() => tryModel(config.network, data), [config.network, data]);
  const model = loaded.model;
  const property = useMemo(() => tryProperty(config.property, model, config.units), [config.property, model, config.units]);
  const blockedBy = !model
    ? missing
      ? 'Open the network file this scenario names.'
      : (loaded.error ?? 'Loading the network…')
    : property.markers.length > 0
      ? `Fix the property first: ${property.markers[0]!.message}`
      : undefined;
  return { loaded, model, property, blockedBy };
}
