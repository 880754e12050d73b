import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The end-to-end tests need Debian's Chromium. Install it when it is missing and we can
 * (root with apt-get); otherwise stop with instructions. Never downloads a browser of its own.
 */
export default function ensureChromium(): void {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log(`Chromium is not at ${path}; installing Debian's chromium package (apt-get)...`);
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      // Reported below.
    }
    if (existsSync(path)) return;
  }
  throw new Error(
    `The end-to-end tests need Chromium at ${path} and it is not there.\n` +
      `Install it with: sudo apt-get update && sudo apt-get install -y chromium\n` +
      `or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
  );
}
