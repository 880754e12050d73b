import { describe, expect, it } from 'vitest';
import { parseFragment } from './fragmentRoute.ts';

describe('the URL fragment', () => {
  it('a scenario link wins over anything else in the fragment', () => {
    expect(parseFragment('#s=abc&example=dynamo/quorums')).toEqual({ kind: 'link', hash: '#s=abc&example=dynamo/quorums' });
  });

  it('an example names its lab and id; a malformed one keeps its name for the message', () => {
    expect(parseFragment('#example=dynamo/quorums')).toEqual({ kind: 'example', name: 'dynamo/quorums', lab: 'dynamo', id: 'quorums' });
    expect(parseFragment('#example=dynamo')).toEqual({ kind: 'example', name: 'dynamo', lab: 'dynamo' });
  });

  it('anything else asks for nothing', () => {
    expect(parseFragment('')).toEqual({ kind: 'none' });
    expect(parseFragment('#x=1')).toEqual({ kind: 'none' });
  });
});
