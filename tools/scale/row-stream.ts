import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { psqlArgs, type Connection } from './copy-sink.ts';

/**
 * Reads a query's rows one at a time (`\copy (…) to pstdout`, COPY TEXT), so a loader can walk
 * millions of rows of another service's database without holding them: the volunteers loader reads
 * the cases' verifications, the assessments loader the case histories. Cells come back as strings,
 * `null` for SQL NULL; `settings` are SET before the query (work_mem for a big sort).
 */
export async function* streamRows(connection: Connection, database: string, query: string, settings: string[] = []): AsyncGenerator<Array<string | null>> {
  const child = spawn(
    'psql',
    [...psqlArgs(connection, database), ...settings.flatMap((setting) => ['-c', `set ${setting}`]), '-c', `\\copy (${query.replace(/\s+/g, ' ')}) to pstdout`],
    { env: { ...process.env, PGPASSWORD: connection.password }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  try {
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) yield line.split('\t').map(uncopy);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const [code] = await exited;
  if (code !== 0) throw new Error(`reading ${database} failed: ${stderr.trim() || `psql exited with ${code}`}\n${query.slice(0, 300)}`);
}

/** A COPY TEXT cell back to its value (the reverse of copyText for the escapes COPY writes). */
export function uncopy(cell: string): string | null {
  if (cell === '\\N') return null;
  if (!cell.includes('\\')) return cell;
  return cell.replace(/\\(.)/g, (_, escaped: string) => (escaped === 't' ? '\t' : escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped));
}

/**
 * Groups a stream that is ordered by a key into runs of consecutive rows with the same key, so a
 * loader can merge it with its own loop over villages or cases in the same order.
 */
export class KeyedRuns<Row> {
  private readonly iterator: AsyncIterator<Row>;
  private pending: Row | null = null;
  private done = false;
  private lastKey: string | null = null;
  private readonly keyOf: (row: Row) => string;

  constructor(rows: AsyncIterable<Row>, keyOf: (row: Row) => string) {
    this.iterator = rows[Symbol.asyncIterator]();
    this.keyOf = keyOf;
  }

  /**
   * The rows whose key is `key`, skipping rows with smaller keys (none left for them). Keys must be
   * asked for in ascending order, the order of the stream.
   */
  async take(key: string): Promise<Row[]> {
    if (this.lastKey !== null && key < this.lastKey) throw new Error(`keys asked out of order: ${key} after ${this.lastKey}`);
    this.lastKey = key;
    const run: Row[] = [];
    for (;;) {
      const row = await this.peek();
      if (row === null) return run;
      const rowKey = this.keyOf(row);
      if (rowKey > key) return run;
      this.pending = null;
      if (rowKey === key) run.push(row);
    }
  }

  private async peek(): Promise<Row | null> {
    if (this.pending !== null || this.done) return this.pending;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return null;
    }
    this.pending = next.value;
    return this.pending;
  }

  /** Reads the rest of the stream (so its process ends and its errors surface). */
  async finish(): Promise<void> {
    while (!this.done) {
      this.pending = null;
      await this.peek();
    }
  }
}
