import type { Request } from './request.ts';

/**
 * The requests in flight, by id, without a map lookup per message. Ids are handed out in order
 * and a request lives a bounded time (its timeouts), so the live ids form a sliding window: slot
 * `id mod capacity` holds request `id`, and the table doubles whenever a new id would land on a
 * live request's slot.
 */
export class RequestTable {
  private slots: (Request | undefined)[] = new Array<Request | undefined>(1024).fill(undefined);
  private mask = 1023;
  /** Requests held. */
  size = 0;

  get(id: number): Request | undefined {
    const r = this.slots[id & this.mask];
    return r !== undefined && r.id === id ? r : undefined;
  }

  set(req: Request): void {
    while (this.slots[req.id & this.mask] !== undefined) this.grow();
    this.slots[req.id & this.mask] = req;
    this.size++;
  }

  delete(id: number): void {
    const i = id & this.mask;
    const r = this.slots[i];
    if (r === undefined || r.id !== id) return;
    this.slots[i] = undefined;
    this.size--;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Array<Request | undefined>(old.length * 2).fill(undefined);
    this.mask = this.slots.length - 1;
    for (const r of old) if (r !== undefined) this.slots[r.id & this.mask] = r;
  }
}
