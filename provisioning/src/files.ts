import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DASHBOARDS } from './grafana/dashboards';
import { ruleFiles } from './prometheus/render';

/** The provisioning folder (the package's root: grafana/, prometheus/, alertmanager/). */
export const PROVISIONING_DIR = resolve(__dirname, '..');

/** Every generated file, by path under the provisioning folder. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { file, dashboard } of DASHBOARDS)
    files[`grafana/dashboards/${file}`] = JSON.stringify(dashboard, null, 2) + '\n';
  for (const [file, text] of Object.entries(ruleFiles())) files[`prometheus/${file}`] = text;
  return files;
}

/** Generated files whose committed copy differs from what the code generates now. */
export function staleFiles(dir = PROVISIONING_DIR): string[] {
  return Object.entries(generatedFiles())
    .filter(([path, text]) => !existsSync(join(dir, path)) || readFileSync(join(dir, path), 'utf8') !== text)
    .map(([path]) => path);
}

/** Writes every generated file; returns their paths. */
export function writeGeneratedFiles(dir = PROVISIONING_DIR): string[] {
  const files = generatedFiles();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return Object.keys(files);
}
