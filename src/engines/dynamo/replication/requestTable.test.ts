import { describe, expect, it } from 'vitest';
import { fillRequest } from './request.ts';
import { RequestTable } from './requestTable.ts';
import { EMPTY_CLOCK } from '../versioning/vectorClock.ts';
import { EMPTY_VALUE } from '../versioning/values.ts';

const request = (id: number) => fillRequest(undefined, id, false, 0, 0, 0, null, 0, false, EMPTY_CLOCK, EMPTY_VALUE);

describe('the table of requests in flight', () => {
  it('finds live requests by id across a sliding window wider than its first capacity, and forgets released ones', () => {
    const table = new RequestTable();
    const live: number[] = [];
    // A window of 3,000 live ids (older ones released), with one request held far longer.
    table.set(request(0));
    for (let id = 1; id < 20_000; id++) {
      table.set(request(id));
      live.push(id);
      if (live.length > 3000) table.delete(live.shift()!);
    }
    expect(table.size).toBe(3001);
    expect(table.get(0)?.id).toBe(0);
    for (const id of [live[0]!, live[1500]!, 19_999]) expect(table.get(id)?.id).toBe(id);
    expect(table.get(live[0]! - 1)).toBeUndefined();
    expect(table.get(20_000)).toBeUndefined();
    table.delete(0);
    expect(table.get(0)).toBeUndefined();
    expect(table.size).toBe(3000);
  });
});
