/**
 * Files a scenario names only by SHA-256 (a solver network, a kernels image): a link carries the
 * name and the hash, never the bytes. The files a user opens are kept in this page and, best
 * effort, in IndexedDB, so a reload or a link that names the same file finds it without asking.
 */

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface FileStore<T> {
  /** This page's copy, if the file was opened or recalled here. */
  get(sha256: string): T | undefined;
  /** Keeps a file in this page at once, and in IndexedDB when the browser allows it. */
  keep(sha256: string, file: T): Promise<void>;
  /** This page's copy, else IndexedDB's, else undefined (the view then asks for the file). */
  recall(sha256: string): Promise<T | undefined>;
}

/** One IndexedDB database with one object store; files are plain structured-cloneable values. */
export function createFileStore<T>(database: string, store: string): FileStore<T> {
  const opened = new Map<string, T>();
  const open = (): Promise<IDBDatabase | undefined> =>
    new Promise((resolve) => {
      if (typeof indexedDB === 'undefined') return resolve(undefined);
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined);
    });

  return {
    get: (sha256) => opened.get(sha256),
    async keep(sha256, file) {
      opened.set(sha256, file);
      const db = await open();
      if (!db) return;
      await new Promise<void>((resolve) => {
        const tx = db.transaction(store, 'readwrite');
        tx.objectStore(store).put(file, sha256);
        tx.oncomplete = () => resolve();
        tx.onerror = () => resolve();
      });
      db.close();
    },
    async recall(sha256) {
      const here = opened.get(sha256);
      if (here !== undefined) return here;
      const db = await open();
      if (!db) return undefined;
      const found = await new Promise<T | undefined>((resolve) => {
        const request = db.transaction(store, 'readonly').objectStore(store).get(sha256);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => resolve(undefined);
      });
      db.close();
      if (found !== undefined) opened.set(sha256, found);
      return found;
    },
  };
}
