// The CLI's bundle: the TypeScript sources of the `latticework` command compiled by esbuild into
// one cached ES module per entry, rebuilt when a source it was built from has changed. Plain
// JavaScript, because it runs before anything can load TypeScript. A call then costs Node's own
// start-up plus a stat of each source (the fingerprint), not a TypeScript compile of ~150 files.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bundle's entry points: the command, and the scripts its worker threads run. */
export const CLI_ENTRIES = { main: 'src/cli/main.ts', threadWorker: 'src/cli/kernels/threadWorker.ts', solverThread: 'src/cli/solverThread.ts' };

/** Where bundles live: LATTICEWORK_CLI_CACHE, else node_modules/.cache (never committed). */
export const defaultCache = () => process.env.LATTICEWORK_CLI_CACHE ?? join(ROOT, 'node_modules', '.cache', 'latticework-cli');

const MANIFEST = 'manifest.json';
/** Builds older than this, other than the current one, are deleted by the next build. */
const KEEP_OLD_BUILDS_MS = 10 * 60 * 1000;

/**
 * The fingerprint of one file: modification time and size. esbuild's metafile lists every file
 * a build read, so comparing these finds any edit that could change the bundle (a new file can
 * only enter through an edit to one already read). This loader is an input too.
 */
async function fingerprint(file, builtAt = Infinity) {
  try {
    const s = await stat(join(ROOT, file));
    // A file edited while the build ran may be in the bundle either way: the next call rebuilds.
    return s.mtimeMs >= builtAt ? 'edited during the build' : `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

const LOADER = 'src/cli/bundle.mjs';

async function isFresh(manifest, entries) {
  if (JSON.stringify(manifest.entries) !== JSON.stringify(entries)) return false;
  const files = Object.entries(manifest.inputs);
  const now = await Promise.all(files.map(([file]) => fingerprint(file)));
  return files.every(([, print], i) => now[i] === print);
}

async function readManifest(cache) {
  try {
    return JSON.parse(await readFile(join(cache, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * esbuild gives every bundled module the bundle's `import.meta.url`; the sources resolve data
 * (public/ examples) and worker scripts against their own location, so each keeps its own URL.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

async function removeOldBuilds(cache, current) {
  const names = await readdir(cache);
  await Promise.all(
    names
      .filter((name) => name.startsWith('build-') && name !== current)
      .map(async (name) => {
        const s = await stat(join(cache, name));
        if (Date.now() - s.mtimeMs > KEEP_OLD_BUILDS_MS) await rm(join(cache, name), { recursive: true, force: true });
      }),
  );
}

/**
 * One build into a directory of its own; the manifest is replaced last by a rename, so a
 * concurrent call sees either the old complete build or the new one.
 */
async function build(cache, entries) {
  const { build: esbuild } = await import('esbuild');
  const builtAt = Date.now();
  const dir = `build-${Date.now().toString(36)}-${process.pid}-${threadId}-${process.hrtime.bigint().toString(36)}`;
  await mkdir(join(cache, dir), { recursive: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: join(cache, dir),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    minify: true,
    logLevel: 'silent',
    plugins: [sourceUrls],
  });
  const files = [...Object.keys(result.metafile.inputs), LOADER];
  const prints = await Promise.all(files.map((f) => fingerprint(f, builtAt)));
  const manifest = { dir, entries, inputs: Object.fromEntries(files.map((f, i) => [f, prints[i]])) };
  const temp = join(cache, `${MANIFEST}.${dir}.tmp`);
  await writeFile(temp, JSON.stringify(manifest));
  await rename(temp, join(cache, MANIFEST));
  await removeOldBuilds(cache, dir);
  return manifest;
}

/**
 * The file URL of entry `name`'s bundled module, built first when missing or stale.
 * `entries` (default CLI_ENTRIES) maps entry names to source paths relative to the repository.
 */
export async function bundledEntry(name, { cache = defaultCache(), entries = CLI_ENTRIES } = {}) {
  const current = await readManifest(cache);
  const manifest = current && (await isFresh(current, entries)) ? current : await build(cache, entries);
  return pathToFileURL(resolve(cache, manifest.dir, `${name}.mjs`)).href;
}
