import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenarios } from '@driftlab/simulator';
import { run } from '../testing';

describe('driftlab scenario', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-show-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(builtinScenarios().map((s) => s.id))('show %s prints a file that validate passes', async (id) => {
    for (const format of [[], ['--json']]) {
      const shown = await run('scenario', 'show', id, ...format);
      expect(shown.code).toBe(0);
      const file = join(dir, `${id}${format.length ? '.json' : '.yaml'}`);
      writeFileSync(file, shown.stdout);
      const validated = await run('scenario', 'validate', file);
      expect(validated.stderr).toBe('');
      expect(validated.code).toBe(0);
      expect(validated.stdout).toMatch(`: ok (${id}, `);
    }
  });

  it('validate refuses an endless file (/dev/zero) at once, naming it and the limit', async () => {
    const { code, stderr } = await run('scenario', 'validate', '/dev/zero');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\/dev\/zero:1:1: the file is larger than 262144 bytes \(256 kB\)/);
  });
});
