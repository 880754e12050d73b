import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../cli/main.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `latticework` command in this process (its `main`, with stdout and stderr captured):
 * the same code as the installed command without the cost of a new Node process and its
 * TypeScript loader (about a second of CPU each).
 */
export async function cliInProcess(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

const bin = fileURLToPath(new URL('../cli/latticework.mjs', import.meta.url));

/** Runs the installed command as its own process: what a shell (or VNN-COMP's scripts) sees, exit code included. */
export function cliProcess(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
