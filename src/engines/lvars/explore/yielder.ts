import type { RunContext } from '../../contract.ts';

/** How often a long search lets the worker's event loop run (progress, a debugger, a crash). */
const YIELD_EVERY_MS = 100;

/** Lets the event loop run every YIELD_EVERY_MS without slowing the search in between. */
export class Yielder {
  private last: number;
  constructor(private readonly ctx: RunContext) {
    this.last = ctx.elapsed();
  }
  async maybe(): Promise<void> {
    if (this.ctx.elapsed() - this.last <= YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.last = this.ctx.elapsed();
  }
}
