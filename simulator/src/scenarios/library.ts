import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile, ScenarioError } from './load';
import type { Scenario } from './types';

/** The built-in scenarios ship as YAML files beside the package. */
export const LIBRARY_DIR = join(__dirname, '../../scenarios');

/** Paths of the built-in scenario files, sorted by name. */
export function libraryFiles(): string[] {
  return readdirSync(LIBRARY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(LIBRARY_DIR, f));
}

/** Every built-in scenario. */
export function builtinScenarios(): Scenario[] {
  return libraryFiles().map(loadScenarioFile);
}

/**
 * A scenario given as a built-in id or a file path. Paths win when such a file exists, so a tutor's
 * own `credit-income-drop.yaml` is never shadowed by a built-in.
 */
export function resolveScenario(idOrFile: string): Scenario {
  if (existsSync(idOrFile)) return loadScenarioFile(idOrFile);
  const builtin = builtinScenarios().find((s) => s.id === idOrFile);
  if (builtin) return builtin;
  const ids = builtinScenarios().map((s) => s.id);
  throw new ScenarioError(idOrFile, [
    {
      line: 1,
      column: 1,
      field: '',
      path: [],
      message: `no such file, and no built-in scenario with this id; built-in ids: ${ids.join(', ')}`,
    },
  ]);
}
