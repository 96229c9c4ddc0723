import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDataDir } from './data-dir';

describe('the data directory', () => {
  const umask = process.umask();
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'driftlab-data-dir-'))));
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it("is the lab user's alone: an older one's 0755 directories and 0644 files become 0700 and 0600", () => {
    const data = join(root, 'data');
    // Modes set with chmod: a umask (another test's privateDataDir) must not make them private already.
    mkdirSync(join(data, 'registry', 'credit'), { recursive: true });
    for (const dir of [data, join(data, 'registry'), join(data, 'registry', 'credit')]) chmodSync(dir, 0o755);
    const outside = join(root, 'outside.txt');
    for (const file of [
      join(data, 'lab-record.sqlite'),
      join(data, 'registry', 'credit', 'v1.json'),
      outside,
    ]) {
      writeFileSync(file, '{}');
      chmodSync(file, 0o644);
    }
    symlinkSync(outside, join(data, 'link'));

    privateDataDir(data);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect([data, join(data, 'registry'), join(data, 'registry', 'credit')].map(mode)).toEqual([
      0o700, 0o700, 0o700,
    ]);
    expect([join(data, 'lab-record.sqlite'), join(data, 'registry', 'credit', 'v1.json')].map(mode)).toEqual([
      0o600, 0o600,
    ]);
    // A link is not followed out of the data directory.
    expect(mode(outside)).toBe(0o644);
    // What the process writes from now on is private too.
    writeFileSync(join(data, 'new.json'), '{}');
    expect(mode(join(data, 'new.json'))).toBe(0o600);
  });

  it('creates a missing one 0700', () => {
    const data = join(root, 'a', 'b');
    privateDataDir(data);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });
});
