import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileIssue, ScenarioError } from './error';
import { loadScenarioFile } from './load';
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
 * The built-in scenario with this id, looked up in the library alone: the id is compared with the
 * library's ids and never used as a path, so a request's `../../etc/passwd` names nothing. For
 * input from the network (the lab's HTTP routes); the command line uses resolveScenario.
 */
export function builtinScenario(id: string): Scenario {
  const scenarios = builtinScenarios();
  const found = scenarios.find((s) => s.id === id);
  if (found) return found;
  // The id is quoted, cut short, in the message: it may be anything a client sent.
  const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
  throw new ScenarioError('built-in scenarios', [
    fileIssue(
      `no built-in scenario with id ${shown}; expected one of: ${scenarios.map((s) => s.id).join(', ')}`,
    ),
  ]);
}

/**
 * A scenario given as a built-in id or a file path. Paths win when such a file exists, so a tutor's
 * own `credit-income-drop.yaml` is never shadowed by a built-in.
 */
export function resolveScenario(idOrFile: string): Scenario {
  if (existsSync(idOrFile)) return loadScenarioFile(idOrFile);
  const scenarios = builtinScenarios();
  const builtin = scenarios.find((s) => s.id === idOrFile);
  if (builtin) return builtin;
  const ids = scenarios.map((s) => s.id);
  throw new ScenarioError(idOrFile, [
    fileIssue(`no such file, and no built-in scenario with this id; built-in ids: ${ids.join(', ')}`),
  ]);
}
