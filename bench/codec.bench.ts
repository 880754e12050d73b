import { decodeLink, encodeScenario } from '../src/scenario/codec.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { measure, report, type Benchmark } from './harness.ts';

/** Opening a link must be instant: decode (inflate, checksum, JSON, schema) against plain JSON.parse. */
const bench: Benchmark = {
  name: 'codec',
  run() {
    const program = Array.from({ length: 120 }, (_, i) => `  let x${i} = get(v, {${i}}); put(w, x${i} + 1);`).join('\n');
    const scenario: Scenario = { version: 1, lab: 'lvars', title: 'A long program', seed: 7, config: { program, maxStates: 100000 }, view: { step: 12 } };
    const payload = encodeScenario(scenario);
    const json = JSON.stringify(scenario);
    const bytes = json.length;
    const decode = measure(() => {
      if (!decodeLink(payload).ok) throw new Error('decode failed');
      return bytes;
    });
    const parse = measure(() => {
      JSON.parse(json);
      return bytes;
    });
    const encode = measure(() => encodeScenario(scenario).length && bytes);
    report({ name: 'decode link (inflate + CRC + JSON + schema)', value: decode.perSecond / 1e6, unit: 'MB/s', baseline: { name: 'JSON.parse', value: parse.perSecond / 1e6 } });
    report({ name: 'encode link (JSON + deflate + base64url)', value: encode.perSecond / 1e6, unit: 'MB/s', baseline: { name: 'JSON.parse', value: parse.perSecond / 1e6 } });
    report({ name: 'link size', value: payload.length, unit: 'chars', baseline: { name: 'raw JSON', value: bytes }, lowerIsBetter: true });
  },
};
export default bench;
