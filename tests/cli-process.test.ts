// The built `driftlab` executable as a user runs it: real processes, real pipes, real exit codes.
// `npm test` builds first; run `npm run build` before running this file alone.
import { spawnSync, execSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
const driftlab = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('the driftlab executable', () => {
  it('is linked as the root package bin and prints help', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.bin.driftlab).toBe('lab/bin/driftlab.js');
    const { status, stdout } = driftlab('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Usage: driftlab/);
    expect(stdout).toMatch(/simulate/);
  });

  it('builds itself on its first run after npm ci, or says which command builds', () => {
    // The shim in a checkout of its own: a one-file "lab" whose build writes dist/cli.js.
    const root = mkdtempSync(join(tmpdir(), 'driftlab-shim-'));
    try {
      mkdirSync(join(root, 'lab', 'bin'), { recursive: true });
      mkdirSync(join(root, 'lab', 'src'));
      copyFileSync(BIN, join(root, 'lab', 'bin', 'driftlab.js'));
      writeFileSync(
        join(root, 'lab', 'src', 'cli.ts'),
        "declare const process: { argv: string[] };\nconsole.log('driftlab help: ' + process.argv.slice(2).join(' '));\n",
      );
      const tsconfig = {
        compilerOptions: { outDir: 'lab/dist', rootDir: 'lab/src', module: 'commonjs', types: [] },
        include: ['lab/src'],
      };
      writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
      const shim = () =>
        spawnSync(process.execPath, [join(root, 'lab', 'bin', 'driftlab.js'), '--help'], {
          encoding: 'utf8',
        });

      // No TypeScript installed (a production install): one line saying what to run.
      const unbuilt = shim();
      expect([unbuilt.status, unbuilt.stderr]).toEqual([
        1,
        'driftlab is not built: run `npm run build` in the repository first.\n',
      ]);

      // With the dev dependencies (npm ci): the first run builds, then runs the command.
      mkdirSync(join(root, 'node_modules'));
      symlinkSync(
        join(__dirname, '..', 'node_modules', 'typescript'),
        join(root, 'node_modules', 'typescript'),
      );
      const first = shim();
      expect([first.status, first.stdout, first.stderr]).toEqual([
        0,
        'driftlab help: --help\n',
        expect.stringMatching(/building it first/),
      ]);
      const again = shim();
      expect([again.status, again.stdout, again.stderr]).toEqual([0, 'driftlab help: --help\n', '']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 on a usage error and 1 on a failed command', () => {
    expect(driftlab('simulate', '--world', 'credit').status).toBe(2);
    expect(driftlab('scenario', 'validate', '/no/such/file.yaml').status).toBe(1);
  });

  it('reads no file named on the command line past its limit: /dev/zero is refused, not read (issue 16)', () => {
    const lab = { ...process.env, DRIFTLAB_URL: 'http://127.0.0.1:9', DRIFTLAB_TOKEN: 'x'.repeat(32) };
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [
        ['scenario', 'validate', '/dev/zero'],
        process.env,
        '/dev/zero:1:1: the file is larger than 262144 bytes (256 kB)',
      ],
      [['incident', 'start', '/dev/zero'], lab, '/dev/zero: the file is larger than 262144 bytes (256 kB)'],
      [
        ['playbook', 'run', '/dev/zero'],
        lab,
        '/dev/zero: the file is larger than 1048576 bytes (1 MB), the limit for a playbook file',
      ],
      [
        ['start', '--monitoring', '/dev/zero'],
        process.env,
        '--monitoring /dev/zero: the file is larger than 1048576 bytes (1 MB)',
      ],
    ];
    for (const [args, env, message] of cases) {
      const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 30_000 });
      expect([args.join(' '), run.status, run.stderr.split('\n')[0]]).toEqual([
        args.join(' '),
        1,
        expect.stringContaining(message),
      ]);
    }
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const out = execSync(
      `"${process.execPath}" "${BIN}" simulate --world sea --seed 1 --events 5000000 | head -n 3`,
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(out.trimEnd().split('\n')).toHaveLength(3);
  });

  it('streams: a million events through a pipe, counted by wc', () => {
    const out = execSync(
      `"${process.execPath}" "${BIN}" simulate --world credit --seed 2 --events 1000000 | wc -l`,
      {
        encoding: 'utf8',
      },
    );
    expect(Number(out.trim())).toBe(1_000_000);
  });
});
