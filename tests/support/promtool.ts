import { spawnSync } from 'node:child_process';

/**
 * Runs the real `promtool check metrics` (Debian's prometheus package; `npm test` installs it
 * through scripts/system-packages.sh) on an exposition and returns its complaints, '' when clean.
 */
export function promtoolCheckMetrics(exposition: string): string {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `promtool is not installed (${run.error.message}): run bash scripts/system-packages.sh as root`,
    );
  return `${run.stdout}${run.stderr}`.trim() + (run.status === 0 ? '' : `\n(exit ${run.status})`);
}
