import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { MediaFormat, MediaTask } from '@interlingua/core';

/** A task as the gateway keeps it: its own id, the upstream's, who owns it, and the canonical state. */
export interface StoredTask {
  /** The gateway's id (what clients see). */
  id: string;
  /** The format the client submitted in (its answers and callbacks use it). */
  format: MediaFormat;
  /** Hash of the client key that created it (`''` without client keys). */
  owner: string;
  /** The provider that runs it. */
  provider: string;
  /** The provider's wire format. */
  upstreamFormat: MediaFormat;
  /** The provider's id for it. */
  upstreamId: string;
  /** The gateway origin the client used (callback payloads carry URLs on it). */
  origin: string;
  /** Canonical state: gateway ids, upstream result URLs. */
  task: MediaTask;
  /** Where status changes are POSTed (Midjourney `notifyHook`). */
  callbackUrl?: string;
  /** Deleted by the client (kept so that a late poll does not resurrect it). */
  deleted: boolean;
  /** When it was submitted, ms. */
  createdMs: number;
  /** When to poll the upstream next, ms. */
  nextPollMs: number;
  /** The current polling delay (backoff), ms. */
  pollDelayMs: number;
}

/** A pending callback: the latest task payload for one task, with its delivery attempts. */
export interface PendingHook {
  taskId: string;
  url: string;
  payload: string;
  attempts: number;
  nextMs: number;
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Whether a task has reached an end state. */
export function isTerminal(task: MediaTask): boolean {
  return TERMINAL.has(task.status);
}

interface Row {
  [key: string]: unknown;
}

/**
 * The media task store: one SQLite file (`node:sqlite`) under the data directory, so tasks survive
 * a restart. Rows hold the canonical task as JSON; the columns are what the queries select on.
 */
export class TaskStore {
  private readonly db: DatabaseSync;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    // Wait for a lock rather than fail at once: several gateways (the test suite) may open one file together.
    this.db = new DatabaseSync(join(dataDir, 'media-tasks.sqlite'), { timeout: 5_000 });
    // WAL lets a reader (a client's fetch) proceed while the poller writes.
    this.db.exec('PRAGMA journal_mode = WAL;');
    this.db.exec(`CREATE TABLE IF NOT EXISTS tasks (
      id TEXT PRIMARY KEY, format TEXT NOT NULL, owner TEXT NOT NULL, provider TEXT NOT NULL,
      upstream_format TEXT NOT NULL, upstream_id TEXT NOT NULL, origin TEXT NOT NULL, task TEXT NOT NULL,
      callback_url TEXT, terminal INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
      created_ms INTEGER NOT NULL, next_poll_ms INTEGER NOT NULL, poll_delay_ms INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS tasks_due ON tasks (terminal, next_poll_ms);
    CREATE INDEX IF NOT EXISTS tasks_owner ON tasks (format, owner, created_ms);
    CREATE TABLE IF NOT EXISTS hooks (
      task_id TEXT PRIMARY KEY, url TEXT NOT NULL, payload TEXT NOT NULL,
      attempts INTEGER NOT NULL, next_ms INTEGER NOT NULL);`);
  }

  /** Adds a new task. */
  insert(task: StoredTask): void {
    this.db
      .prepare(
        `INSERT INTO tasks (id, format, owner, provider, upstream_format, upstream_id, origin, task, callback_url,
          terminal, deleted, created_ms, next_poll_ms, poll_delay_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(
        task.id,
        task.format,
        task.owner,
        task.provider,
        task.upstreamFormat,
        task.upstreamId,
        task.origin,
        JSON.stringify(task.task),
        task.callbackUrl ?? null,
        isTerminal(task.task) ? 1 : 0,
        task.createdMs,
        task.nextPollMs,
        task.pollDelayMs,
      );
  }

  /** A task by the gateway's id (deleted ones included; callers decide). */
  get(id: string): StoredTask | undefined {
    const row = this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Saves a task's new state and when to poll it next. */
  update(id: string, task: MediaTask, nextPollMs: number, pollDelayMs: number): void {
    this.db
      .prepare('UPDATE tasks SET task = ?, terminal = ?, next_poll_ms = ?, poll_delay_ms = ? WHERE id = ?')
      .run(JSON.stringify(task), isTerminal(task) ? 1 : 0, nextPollMs, pollDelayMs, id);
  }

  /** Marks a task deleted: it disappears from fetches and lists, and is no longer polled. */
  markDeleted(id: string): void {
    this.db.prepare('UPDATE tasks SET deleted = 1, terminal = 1 WHERE id = ?').run(id);
  }

  /** A client's tasks of one format, newest first (or oldest with `asc`), after the cursor id. */
  list(
    format: MediaFormat,
    owner: string,
    options: { limit: number; order: 'asc' | 'desc'; after?: string },
  ): StoredTask[] {
    const cursor = options.after === undefined ? undefined : this.get(options.after);
    const direction = options.order === 'asc' ? 'ASC' : 'DESC';
    const compare = options.order === 'asc' ? '>' : '<';
    const where = cursor ? `AND (created_ms ${compare} ? OR (created_ms = ? AND id ${compare} ?))` : '';
    const params: (string | number)[] = [format, owner];
    if (cursor) params.push(cursor.createdMs, cursor.createdMs, cursor.id);
    const rows = this.db
      .prepare(
        `SELECT * FROM tasks WHERE format = ? AND owner = ? AND deleted = 0 ${where}
         ORDER BY created_ms ${direction}, id ${direction} LIMIT ${Math.floor(options.limit)}`,
      )
      .all(...params) as Row[];
    return rows.map(fromRow);
  }

  /** Tasks whose next poll is due (oldest due first). */
  due(nowMs: number, limit: number): StoredTask[] {
    const rows = this.db
      .prepare('SELECT * FROM tasks WHERE terminal = 0 AND next_poll_ms <= ? ORDER BY next_poll_ms LIMIT ?')
      .all(nowMs, limit) as Row[];
    return rows.map(fromRow);
  }

  /** Queues a callback: the latest payload replaces an older undelivered one (attempts start over). */
  queueHook(taskId: string, url: string, payload: string, nowMs: number): void {
    this.db
      .prepare(
        `INSERT INTO hooks (task_id, url, payload, attempts, next_ms) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (task_id) DO UPDATE SET url = excluded.url, payload = excluded.payload, attempts = 0, next_ms = excluded.next_ms`,
      )
      .run(taskId, url, payload, nowMs);
  }

  /** Callbacks due for an attempt. */
  dueHooks(nowMs: number, limit: number): PendingHook[] {
    const rows = this.db
      .prepare('SELECT * FROM hooks WHERE next_ms <= ? ORDER BY next_ms LIMIT ?')
      .all(nowMs, limit) as Row[];
    return rows.map((row) => ({
      taskId: String(row.task_id),
      url: String(row.url),
      payload: String(row.payload),
      attempts: Number(row.attempts),
      nextMs: Number(row.next_ms),
    }));
  }

  /** A delivery succeeded: forget the hook, unless a newer payload replaced it meanwhile. */
  hookDelivered(hook: PendingHook): void {
    this.db.prepare('DELETE FROM hooks WHERE task_id = ? AND payload = ?').run(hook.taskId, hook.payload);
  }

  /** A delivery failed: try again at `nextMs`, or give up (`nextMs` undefined). */
  hookFailed(hook: PendingHook, nextMs: number | undefined): void {
    if (nextMs === undefined) {
      this.db.prepare('DELETE FROM hooks WHERE task_id = ? AND payload = ?').run(hook.taskId, hook.payload);
      return;
    }
    this.db
      .prepare('UPDATE hooks SET attempts = attempts + 1, next_ms = ? WHERE task_id = ? AND payload = ?')
      .run(nextMs, hook.taskId, hook.payload);
  }

  /** Closes the database file. */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function fromRow(row: Row): StoredTask {
  const stored: StoredTask = {
    id: String(row.id),
    format: row.format as MediaFormat,
    owner: String(row.owner),
    provider: String(row.provider),
    upstreamFormat: row.upstream_format as MediaFormat,
    upstreamId: String(row.upstream_id),
    origin: String(row.origin),
    task: JSON.parse(String(row.task)) as MediaTask,
    deleted: Number(row.deleted) === 1,
    createdMs: Number(row.created_ms),
    nextPollMs: Number(row.next_poll_ms),
    pollDelayMs: Number(row.poll_delay_ms),
  };
  if (typeof row.callback_url === 'string') stored.callbackUrl = row.callback_url;
  return stored;
}
