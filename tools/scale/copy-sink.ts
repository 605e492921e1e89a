import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Streams generated rows into one table through `psql … \copy <table> from pstdin` (PostgreSQL's
 * COPY TEXT format). The table is truncated in the same transaction and loaded WITH (FREEZE): rows
 * go in frozen and all-visible, so no vacuum pass has to visit 10 million fresh rows afterwards.
 * `session_replication_role = replica` keeps triggers (the append-only guard on case_history refuses
 * TRUNCATE) from firing during the load; it needs the superuser role the project's database runs with.
 */

export interface Connection {
  host: string;
  port: string;
  user: string;
  password: string;
}

export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): Connection {
  return {
    host: env.DATABASE_HOST ?? '127.0.0.1',
    port: env.DATABASE_PORT ?? '55432',
    user: env.DATABASE_USER ?? 'lianxin',
    password: env.DATABASE_PASSWORD ?? 'lianxin',
  };
}

export function databaseName(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${env.DATABASE_PREFIX ?? 'lianxin_scale'}_${service}`;
}

/** Where seed-scale.ts leaves its summary (verify.ts reads the as-of day there): one file per database prefix. */
export function lastRunFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.DATABASE_PREFIX ?? 'lianxin_scale';
  return `${root}/.lianxin/scale/${prefix === 'lianxin_scale' ? 'last-run.json' : `last-run.${prefix}.json`}`;
}

export function psqlArgs(connection: Connection, database: string): string[] {
  return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', connection.host, '-p', connection.port, '-U', connection.user, '-d', database];
}

export type Cell = string | number | boolean | null | undefined | Date;

const SPECIAL = /[\\\t\n\r]/;

/** A value as COPY TEXT expects it: \N for null, backslash escapes for the separators. */
export function copyText(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    return SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A text[] literal ({"a","b"}); COPY escaping is applied on top by copyText. */
export function textArray(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** A bytea in hex input form (\x…); COPY escaping doubles the backslash. */
export function byteaHex(bytes: Buffer): string {
  return `\\x${bytes.toString('hex')}`;
}

const FLUSH_BYTES = 1 << 20;

export class CopySink {
  readonly database: string;
  readonly table: string;
  rows = 0;
  startedAt = 0;
  finishedAt = 0;
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private stderr = '';
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(connection: Connection, database: string, table: string, columns: readonly string[]) {
    this.database = database;
    this.table = table;
    const quoted = `"${table}"`;
    this.child = spawn(
      'psql',
      [
        ...psqlArgs(connection, database),
        '-1',
        '-c', 'set session_replication_role = replica',
        '-c', `truncate ${quoted}`,
        '-c', `\\copy ${quoted} (${columns.map((column) => `"${column}"`).join(', ')}) from pstdin with (freeze)`,
      ],
      { env: { ...process.env, PGPASSWORD: connection.password }, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // A failed COPY closes the pipe; the exit code tells what happened.
    this.child.stdin!.on('error', () => undefined);
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  /** Adds one row (cells in the order of the columns). */
  add(cells: readonly Cell[]): void {
    if (this.rows === 0) this.startedAt = Date.now();
    let line = copyText(cells[0]);
    for (let i = 1; i < cells.length; i += 1) line += `\t${copyText(cells[i])}`;
    line += '\n';
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.rows += 1;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): boolean {
    if (this.pending.length === 0) return true;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return this.child.stdin!.write(chunk);
  }

  /** Waits while psql is behind (back-pressure), so memory stays flat however many rows are generated. */
  async ready(): Promise<void> {
    const stdin = this.child.stdin!;
    if (stdin.writableNeedDrain && this.child.exitCode === null) {
      // psql may also stop reading because COPY failed: then it exits and the pipe breaks.
      await new Promise<void>((resolve) => {
        const done = () => {
          stdin.off('drain', done);
          stdin.off('error', done);
          resolve();
        };
        stdin.once('drain', done);
        stdin.once('error', done);
        void this.exited.then(done);
      });
    }
    if (this.child.exitCode !== null) {
      await this.exited;
      throw this.failure();
    }
  }

  /** Kills psql before it sees the end of its input, so the transaction rolls back instead of committing a partial table. */
  abort(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  async end(): Promise<void> {
    this.flush();
    this.child.stdin!.end();
    const code = await this.exited;
    this.finishedAt = Date.now();
    if (this.rows === 0) this.startedAt = this.finishedAt;
    if (code !== 0) throw this.failure();
  }

  private failure(): Error {
    return new Error(`COPY into ${this.database}.${this.table} failed: ${this.stderr.trim() || `psql exited with ${this.child.exitCode}`}`);
  }
}

/** Runs SQL through psql and returns the unaligned, tuple-only output: one array of cells per row (tab-separated). */
export async function runSql(connection: Connection, database: string, sql: string): Promise<string[][]> {
  const child = spawn('psql', [...psqlArgs(connection, database), '-At', '-F', '\t', '-c', sql], {
    env: { ...process.env, PGPASSWORD: connection.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  // A decoder per stream: a Chinese character split across two chunks must not become two bad ones.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  // 'close', not 'exit': the output may still be in the pipe when the process has exited.
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`psql on ${database} failed: ${err.trim()}\n${sql.slice(0, 500)}`);
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}
