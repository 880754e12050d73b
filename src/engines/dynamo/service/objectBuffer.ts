import { mergeSiblings, NO_VERSIONS, type Siblings, type Version } from '../versioning/versions.ts';

/** The versions of one flush: the buffer's content when the writer thread took it. */
export type FlushBatch = { key: number; versions: Siblings }[];

/**
 * A node's in-memory object buffer (SOSP'07 §6.1): writes land here and a writer thread moves
 * them to the storage engine periodically; a read looks here first. Nothing here survives a
 * crash.
 */
export class ObjectBuffer {
  private readonly byKey = new Map<number, Siblings>();
  private count = 0;

  /** Versions held (not yet durable). */
  get size(): number {
    return this.count;
  }

  has(key: number): boolean {
    return this.byKey.has(key);
  }

  read(key: number): Siblings {
    return this.byKey.get(key) ?? NO_VERSIONS;
  }

  put(key: number, v: Version): void {
    this.set(key, mergeSiblings(this.read(key), [v]));
  }

  /** What the writer thread takes now (the buffer keeps it until the write is done). */
  batch(): FlushBatch {
    return Array.from(this.byKey, ([key, versions]) => ({ key, versions }));
  }

  /** The batch is on disk: its versions leave the buffer (later writes to the same keys stay). */
  flushed(batch: FlushBatch): void {
    for (const { key, versions } of batch) {
      const left = this.read(key).filter((v) => !versions.includes(v));
      this.set(key, left);
    }
  }

  /** A crash: returns how many versions were lost. */
  lose(): number {
    const lost = this.count;
    this.byKey.clear();
    this.count = 0;
    return lost;
  }

  private set(key: number, versions: Siblings): void {
    this.count += versions.length - this.read(key).length;
    if (versions.length === 0) this.byKey.delete(key);
    else this.byKey.set(key, versions);
  }
}
