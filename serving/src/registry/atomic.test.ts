import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendDurable,
  ensureDirectoryDurable,
  fsyncDirectory,
  publishDirectory,
  replaceFileAtomic,
  temporaryFileFor,
  writeFileDurable,
} from './atomic';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'atomic-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic file steps', () => {
  it('writes, truncating what was there', () => {
    const file = join(dir, 'a.json');
    writeFileDurable(file, 'a much longer first text');
    writeFileDurable(file, 'short');
    expect(readFileSync(file, 'utf8')).toBe('short');
  });

  it('replaces a file through a hidden temporary that does not stay behind', () => {
    const file = join(dir, 'current.json');
    replaceFileAtomic(file, '{"version":1}');
    // A temporary left by a crash is simply overwritten by the next replacement.
    writeFileSync(temporaryFileFor(file), '{"vers');
    replaceFileAtomic(file, '{"version":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"version":2}');
    expect(readdirSync(dir)).toEqual(['current.json']);
    expect(temporaryFileFor(file)).toBe(join(dir, '.current.json.tmp'));
  });

  it('appends whole lines', () => {
    const file = join(dir, 'log.jsonl');
    appendDurable(file, '1\n');
    appendDurable(file, '2\n');
    expect(readFileSync(file, 'utf8')).toBe('1\n2\n');
  });

  it('creates nested directories', () => {
    ensureDirectoryDurable(join(dir, 'a', 'b', 'c'));
    ensureDirectoryDurable(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
  });

  it('publishes a directory under its final name, never over an existing one', () => {
    const partial = join(dir, '.partial-000001');
    mkdirSync(partial);
    writeFileDurable(join(partial, 'x.json'), '{}');
    publishDirectory(partial, join(dir, '000001'));
    expect(readdirSync(dir)).toEqual(['000001']);
    mkdirSync(partial);
    mkdirSync(join(dir, '000002'));
    expect(() => publishDirectory(partial, join(dir, '000002'))).toThrow(/already exists/);
    expect(() => publishDirectory(partial, join(dir, 'other', '000003'))).toThrow(/share a parent/);
  });

  it('fails loudly on a directory that does not exist', () => {
    expect(() => fsyncDirectory(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
