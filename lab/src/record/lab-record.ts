import Database from 'better-sqlite3';

/** One thing that happened in the lab: who did what, when, with which parameters, and how it ended. */
export interface LabEvent {
  readonly id: number;
  /** ISO time (wall clock) the event was recorded. */
  readonly at: string;
  /** Who: `alertmanager`, `tutor`, a team id… */
  readonly actor: string;
  /** What, e.g. `alert.firing`, `alert.resolved`. */
  readonly action: string;
  /** The model it concerns, or null. */
  readonly model: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly outcome: string;
}

export type NewLabEvent = Omit<LabEvent, 'id' | 'at'> & { readonly at?: string };

/**
 * The lab's record: an append-only SQLite table in the lab's data directory, so it survives
 * restarts and a crash loses at most the event being written (WAL, one INSERT per event).
 */
export class LabRecord {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly listeners: ((event: LabEvent) => void)[] = [];

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS lab_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      model TEXT,
      params TEXT NOT NULL,
      outcome TEXT NOT NULL
    )`);
    this.insert = this.db.prepare(
      'INSERT INTO lab_events (at, actor, action, model, params, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  append(event: NewLabEvent): LabEvent {
    const at = event.at ?? new Date().toISOString();
    const { lastInsertRowid } = this.insert.run(
      at,
      event.actor,
      event.action,
      event.model,
      JSON.stringify(event.params),
      event.outcome,
    );
    const stored = { ...event, id: Number(lastInsertRowid), at };
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  /** Calls `listener` with every event appended from now on (e.g. to annotate Grafana). */
  onAppend(listener: (event: LabEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Events oldest first, optionally only those whose action starts with `prefix`, at most `limit` (newest kept). */
  events(options: { prefix?: string; limit?: number } = {}): LabEvent[] {
    const limit = options.limit ?? 1000;
    const rows = this.db
      .prepare(
        `SELECT * FROM (SELECT * FROM lab_events WHERE action LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?) ORDER BY id`,
      )
      .all(`${(options.prefix ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit) as {
      id: number;
      at: string;
      actor: string;
      action: string;
      model: string | null;
      params: string;
      outcome: string;
    }[];
    return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown> }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
