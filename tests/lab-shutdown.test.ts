// Ctrl-C stops `driftlab start` cleanly without losing what was recorded: every prediction serving
// answered is in the labelled log once the process has exited, labels joined where they came.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabelledLog } from '@driftlab/serving';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');

describe('driftlab start and Ctrl-C', () => {
  it('writes every answered prediction and joined label to the labelled log before it exits', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-shutdown-'));
    const lab = spawn(
      process.execPath,
      [BIN, 'start', '--world', 'sea', '--speed', '1200', '--port', '0', '--data', data, '--no-prometheus'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    lab.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    try {
      // Run until labels have started to come back (a simulated hour) and serving has answered over
      // a thousand requests (fewer per simulated hour on a loaded machine), then press Ctrl-C.
      const answeredSoFar = () => {
        const reports = stderr.split('\n').filter((l) => l.includes('"message":"traffic"'));
        return reports.length < 6 ? 0 : (JSON.parse(reports.at(-1)!).answers['200'] ?? 0);
      };
      for (let i = 0; i < 600 && answeredSoFar() <= 1000; i++) await sleep(100);
      lab.kill('SIGINT');
      const [code] = await once(lab, 'exit');
      expect(code).toBe(0);
      const stopped = JSON.parse(stderr.trimEnd().split('\n').at(-1)!);
      expect(stopped.message).toBe('lab stopped');
      const answered = stopped.answers['200'];
      expect(answered).toBeGreaterThan(1000);
      const log = new LabelledLog(join(data, 'labelled.sqlite'));
      const counts = log.counts('sea');
      log.close();
      expect(counts.predictions).toBe(answered);
      expect(counts.labelled).toBeGreaterThan(0);
      expect(counts.labelled).toBeLessThanOrEqual(stopped.labels);
    } finally {
      if (lab.exitCode === null) lab.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});
