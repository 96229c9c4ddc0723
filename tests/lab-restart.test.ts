// A lab killed without warning (SIGKILL) and started again on the same data directory, with and
// without a new seed, over real HTTP against the built `driftlab start`: runs never mix in the
// labelled log, a retrain trains on the current run's rows, and the tutor token is never empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { startLab, type LiveLab } from './support/live-lab';

const TUTOR = 'tutor-secret-for-the-restart-test';

jest.setTimeout(240_000);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-restart-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A lab on the shared data directory, without the environment's tutor token unless given. */
const start = (seed: number, env: NodeJS.ProcessEnv) =>
  startLab(['--world', 'credit', '--speed', '1200', '--seed', String(seed), '--no-prometheus'], {
    DRIFTLAB_DATA: join(dir, 'data'),
    DRIFTLAB_TUTOR_TOKEN: undefined,
    ...env,
  });

interface Row {
  request_id: string;
  predicted_at: number;
  labelled_at: number | null;
}

function rows(): Row[] {
  const db = new Database(join(dir, 'data', 'labelled.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT request_id, predicted_at, labelled_at FROM predictions').all() as Row[];
  } finally {
    db.close();
  }
}

const runOf = (id: string) => Number(/^credit-r(\d+)-\d+$/.exec(id)?.[1]);

describe('a lab killed and restarted on the same data directory', () => {
  it('keeps runs apart, retrains on the current run, and never has an empty tutor token', async () => {
    // Run 1 with a configured tutor token; runs 2 and 3 without it, the last with a new seed.
    const seeds = [1, 1, 2];
    let token = TUTOR;
    let lab: LiveLab | undefined;
    for (const [i, seed] of seeds.entries()) {
      lab = await start(seed, i === 0 ? { DRIFTLAB_TUTOR_TOKEN: TUTOR } : {});
      if (i === 1) {
        // Without the configured token, a new one is made and printed: never an empty one.
        const printed = /tutor token \(shown once[^)]*\): (\S+)/.exec(lab.stdout());
        expect(printed?.[1].length).toBeGreaterThanOrEqual(32);
        token = printed![1];
      }
      const auth = { authorization: `Bearer ${token}` };
      const listed = (await (await fetch(`${lab.url}/v1/incidents`, { headers: auth })).json()) as {
        incidents: { id: string; state: string }[];
      };
      // The incident run 1 started is listed after every restart, as ended with its run.
      expect(listed.incidents).toEqual(
        i === 0 ? [] : [expect.objectContaining({ id: 'inc-1', state: 'ended' })],
      );
      if (i === 0) {
        const started = await fetch(`${lab.url}/v1/incidents`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ scenario: 'credit-income-drop' }),
        });
        expect(started.status).toBe(201);
      }
      await sleep(9000); // a few simulated hours: labels arrive for most predictions
      if (i < seeds.length - 1) await lab.stop('SIGKILL');
    }
    const all = rows();
    const byRun = [1, 2, 3].map((run) => all.filter((r) => runOf(r.request_id) === run));
    // Every row is one run's, each run logged its own predictions, and each run's traffic is newer
    // than everything before it: the timeline goes on.
    expect(all.filter((r) => !(runOf(r.request_id) >= 1))).toEqual([]);
    for (const run of byRun) expect(run.filter((r) => r.labelled_at !== null).length).toBeGreaterThan(200);
    for (let k = 1; k < 3; k++)
      expect(Math.min(...byRun[k].map((r) => r.predicted_at))).toBeGreaterThan(
        Math.max(...byRun[k - 1].map((r) => r.predicted_at)),
      );
    // A label is never joined to another run's prediction: every label came while its own run ran.
    for (let k = 0; k < 2; k++) {
      const nextStart = Math.min(...byRun[k + 1].map((r) => r.predicted_at));
      expect(byRun[k].filter((r) => r.labelled_at !== null && r.labelled_at >= nextStart)).toEqual([]);
    }
    // A retrain now trains on the newest labelled rows: run 3's.
    const res = await fetch(`${lab!.url}/v1/models/credit:retrain`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ last: 200 }),
    });
    expect(res.status).toBe(201);
    const version = ((await res.json()) as { version: number }).version;
    const listing = (await (await fetch(`${lab!.url}/v1/models/credit/versions`)).json()) as {
      versions: { version: number; trainingWindow: { training: { from: string } } }[];
    };
    const trained = listing.versions.find((v) => v.version === version)!;
    const run3Start = Math.min(...byRun[2].map((r) => r.predicted_at));
    expect(Date.parse(trained.trainingWindow.training.from)).toBeGreaterThanOrEqual(run3Start);
    const board = (await (
      await fetch(`${lab!.url}/v1/scoreboard`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { scoreboard: { incident: string; team: string }[] };
    expect(board.scoreboard).toEqual([expect.objectContaining({ incident: 'inc-1', team: 'team-1' })]);
    await lab!.stop();
  });
});
