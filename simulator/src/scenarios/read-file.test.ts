import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIBRARY_DIR } from './library';
import { MAX_SCENARIO_BYTES } from './limits';
import { loadScenarioFile, ScenarioError } from './load';

/** The messages loadScenarioFile throws for `path`. */
function refusal(path: string): string {
  try {
    loadScenarioFile(path);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('loadScenarioFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-scenario-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a scenario file', () => {
    expect(loadScenarioFile(join(LIBRARY_DIR, 'credit-income-drop.yaml')).id).toBe('credit-income-drop');
  });

  it('refuses a file larger than MAX_SCENARIO_BYTES by its size, naming the file and the limit', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(MAX_SCENARIO_BYTES + 1, 'a'));
    expect(refusal(big)).toBe(
      `${big}:1:1: the file is ${MAX_SCENARIO_BYTES + 1} bytes; a scenario file may be at most 262144 bytes (256 kB)`,
    );
  });

  it('stops reading an endless device one byte past the limit', () => {
    if (!existsSync('/dev/zero')) return; // not on Windows
    expect(refusal('/dev/zero')).toBe(
      '/dev/zero:1:1: the file is larger than 262144 bytes (256 kB), the limit for a scenario file',
    );
  });

  it('explains a file that cannot be read', () => {
    expect(refusal(join(dir, 'missing.yaml'))).toMatch(/missing\.yaml:1:1: cannot read the file: ENOENT/);
    expect(refusal(dir)).toMatch(/:1:1: cannot read the file: EISDIR/);
  });
});
