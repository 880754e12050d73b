import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine, Progress } from '../engines/contract.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { exposeEngine } from './expose.ts';

/** A stand-in for a Worker: the engine runs behind a real MessageChannel, with Comlink on both ends. */
function fakeWorker(engine: Engine<number, { summary: number; trace?: Float64Array }>, startMillis = 0) {
  const { port1, port2 } = new MessageChannel();
  // A worker listens only once its code has loaded; messages sent before then wait in the port.
  const start = () => exposeEngine(engine, port2 as unknown as Comlink.Endpoint);
  if (startMillis === 0) start();
  else if (Number.isFinite(startMillis)) setTimeout(start, startMillis);
  const errorListeners: ((e: Event) => void)[] = [];
  const worker = {
    terminated: false,
    postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
    addEventListener: (type: string, listener: (e: Event) => void) => {
      if (type === 'message') port1.addEventListener('message', listener as EventListener);
      else errorListeners.push(listener);
    },
    removeEventListener: (type: string, listener: (e: Event) => void) => port1.removeEventListener(type, listener as EventListener),
    start: () => port1.start(),
    terminate: () => {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
    crash: (message: string) => {
      const event = new Event('error', { cancelable: true });
      Object.assign(event, { message });
      for (const l of errorListeners) l(event);
    },
  };
  return worker;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Doubles its input after `config` ms, reporting progress along the way. */
const slowDoubler: Engine<number, { summary: number; trace: Float64Array }> = {
  async run(config, _seed, ctx) {
    for (let i = 0; i < 5; i++) {
      ctx.progress({ done: i, total: 5, label: 'chunks' });
      await sleep(config / 5);
      ctx.tick(10);
    }
    return { summary: config * 2, trace: new Float64Array([1, 2, 3]) };
  },
};

const clients: EngineClient<number, { summary: number }>[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

function makeClient(engine: Engine<number, { summary: number; trace?: Float64Array }>, options = {}, startMillis = 0) {
  const spawned: ReturnType<typeof fakeWorker>[] = [];
  const client = new EngineClient<number, { summary: number; trace?: Float64Array }>(() => {
    const w = fakeWorker(engine, startMillis);
    spawned.push(w);
    return w as unknown as WorkerLike;
  }, options);
  clients.push(client);
  return { client, spawned };
}

describe('EngineClient', () => {
  it('runs, streams progress and transfers typed arrays', async () => {
    const { client } = makeClient(slowDoubler);
    const progress: Progress[] = [];
    const outcome = await client.run({ config: 50, seed: 1 }, (p) => progress.push(p)).outcome;
    expect(outcome).toMatchObject({ status: 'done', result: { summary: 100 }, steps: 50 });
    expect(outcome.status === 'done' && Array.from(outcome.result.trace!)).toEqual([1, 2, 3]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ done: 0, total: 5 });
  });

  it('cancels by terminating the worker, then starts a fresh one', async () => {
    const { client, spawned } = makeClient(slowDoubler);
    const handle = client.run({ config: 5_000, seed: 1 });
    await sleep(20);
    handle.cancel();
    expect(await handle.outcome).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
    expect(spawned[0]!.terminated).toBe(true);
    const again = await client.run({ config: 10, seed: 1 }).outcome;
    expect(again).toMatchObject({ status: 'done', result: { summary: 20 } });
    expect(spawned.length).toBe(2);
  });

  it('survives a crash: the run fails with a message and the next run gets a new worker', async () => {
    const { client, spawned } = makeClient(slowDoubler);
    const handle = client.run({ config: 5_000, seed: 1 });
    await sleep(20);
    spawned[0]!.crash('out of memory');
    const outcome = await handle.outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'crash' } });
    expect(outcome.status === 'failed' && outcome.error.message).toContain('out of memory');
    expect(await client.run({ config: 10, seed: 1 }).outcome).toMatchObject({ status: 'done' });
    expect(spawned.length).toBe(2);
  });

  it('kills a run that outlives its time budget even if the engine never checks the clock', async () => {
    const stuck: Engine<number, { summary: number }> = { run: () => new Promise(() => {}) };
    const { client, spawned } = makeClient(stuck, { graceMillis: 20 });
    const outcome = await client.run({ config: 1, seed: 1, budget: { maxSteps: 1e9, maxMillis: 30 } }).outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
    expect(spawned[0]!.terminated).toBe(true);
  });

  it('starts the budget once the worker is up: a slow start-up is not a timeout', async () => {
    const { client } = makeClient(slowDoubler, { graceMillis: 100 }, 600);
    const outcome = await client.run({ config: 10, seed: 1, budget: { maxSteps: 1e9, maxMillis: 200 } }).outcome;
    expect(outcome).toMatchObject({ status: 'done', result: { summary: 20 } });
  });

  it('gives up on a worker that never starts, and says so', async () => {
    const { client, spawned } = makeClient(slowDoubler, { startupMillis: 50 }, Infinity);
    const outcome = await client.run({ config: 10, seed: 1 }).outcome;
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
    expect(outcome.status === 'failed' && outcome.error.message).toContain('did not start');
    expect(spawned[0]!.terminated).toBe(true);
  });

  it('a second run cancels the first', async () => {
    const { client } = makeClient(slowDoubler);
    const first = client.run({ config: 5_000, seed: 1 });
    const second = client.run({ config: 10, seed: 1 });
    expect(await first.outcome).toMatchObject({ status: 'failed', error: { kind: 'cancelled' } });
    expect(await second.outcome).toMatchObject({ status: 'done', result: { summary: 20 } });
  });

  it('tears an idle worker down', async () => {
    const { client, spawned } = makeClient(slowDoubler, { idleMillis: 20 });
    await client.run({ config: 5, seed: 1 }).outcome;
    await sleep(60);
    expect(spawned[0]!.terminated).toBe(true);
  });
});
