import { InputError } from '../../contract.ts';
import type { NetworkRef, SolverRequest } from '../config.ts';
import { generateNetwork } from '../model/generate.ts';
import type { NetworkModel } from '../model/network.ts';
import { parseNnet } from './nnet.ts';
import { parseOnnx } from './onnx/lower.ts';

/** Turns a network reference (and, for a file, its contents) into a model. Bad files throw InputError. */
export function loadNetwork(ref: NetworkRef, data?: SolverRequest['networkData']): NetworkModel {
  switch (ref.kind) {
    case 'generated':
      return generateNetwork(ref.spec);
    case 'inline':
      return parseNnet(ref.text, ref.name);
    case 'file': {
      if (ref.format === 'nnet') {
        if (data?.text === undefined) throw new InputError(`the network ${ref.name} is a file that is not carried in the scenario: open it again (it must have SHA-256 ${ref.sha256.slice(0, 12)}…)`);
        return parseNnet(data.text, ref.name);
      }
      if (!data?.bytes) throw new InputError(`the network ${ref.name} is a file that is not carried in the scenario: open it again (it must have SHA-256 ${ref.sha256.slice(0, 12)}…)`);
      return parseOnnx(data.bytes, ref.name);
    }
  }
}
