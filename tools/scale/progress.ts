import type { CopySink } from './copy-sink.ts';

/**
 * Progress of a load on stderr: on a terminal a live table (rows, rows/s and % per table, overall %),
 * otherwise one JSON line per update, for logs and CI. Loader processes send their counts to the
 * orchestrator over IPC (`TableReport` messages); the orchestrator owns the display.
 */

export interface TableReport {
  type: 'table';
  /** `<service>.<table>` */
  table: string;
  rows: number;
  expected: number;
  startedAt: number;
  finishedAt: number;
}

export interface LogReport {
  type: 'log';
  message: string;
  fields?: Record<string, unknown>;
}

export type WorkerMessage = TableReport | LogReport;

interface TableState {
  rows: number;
  expected: number;
  startedAt: number;
  finishedAt: number;
}

const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

export class ProgressBoard {
  readonly tables = new Map<string, TableState>();
  private readonly startedAt = Date.now();
  private readonly tty: boolean;
  private drawnLines = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastJsonAt = 0;

  constructor(tty = process.stderr.isTTY === true) {
    this.tty = tty;
  }

  start(): void {
    this.timer = setInterval(() => this.render(false), this.tty ? 500 : 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.render(true);
  }

  update(report: TableReport): void {
    const previous = this.tables.get(report.table);
    this.tables.set(report.table, {
      rows: report.rows,
      expected: Math.max(report.expected, report.rows),
      startedAt: report.startedAt || previous?.startedAt || 0,
      finishedAt: report.finishedAt,
    });
  }

  /** A phase or notable step: a plain line on a terminal, a JSON line otherwise. */
  log(message: string, fields: Record<string, unknown> = {}): void {
    if (this.tty) {
      this.clear();
      const details = Object.entries(fields)
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' ');
      process.stderr.write(`[scale ${formatDuration(Date.now() - this.startedAt)}] ${message}${details ? ` ${details}` : ''}\n`);
      this.render(true);
    } else {
      process.stderr.write(`${JSON.stringify({ event: 'log', elapsedMs: Date.now() - this.startedAt, message, ...fields })}\n`);
    }
  }

  /** The end of a run: wall time per table and phase, database sizes, total. */
  summary(tables: Array<{ label: string; rows: number; ms: number }>, phases: Array<{ label: string; ms: number }>, sizes: Array<{ label: string; size: string }>, totalMs: number): void {
    if (!this.tty) {
      process.stderr.write(`${JSON.stringify({ event: 'summary', totalMs, tables, phases, databaseSizes: Object.fromEntries(sizes.map(({ label, size }) => [label, size])) })}\n`);
      return;
    }
    const lines = [
      'wall time per table (tables of one loader stream at the same time):',
      ...tables.map(({ label, rows, ms }) => `  ${label.padEnd(32)} ${number(rows).padStart(12)} rows  ${formatDuration(ms).padStart(7)}  ${number((rows * 1000) / Math.max(ms, 1)).padStart(9)} rows/s`),
      'phases:',
      ...phases.map(({ label, ms }) => `  ${label.padEnd(32)} ${formatDuration(ms).padStart(7)}`),
      'database sizes:',
      ...sizes.map(({ label, size }) => `  ${label.padEnd(32)} ${size.padStart(10)}`),
      `total ${formatDuration(totalMs)}`,
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  }

  private overall(): { rows: number; expected: number } {
    let rows = 0;
    let expected = 0;
    for (const state of this.tables.values()) {
      rows += state.rows;
      expected += state.finishedAt ? state.rows : state.expected;
    }
    return { rows, expected };
  }

  private rate(state: TableState): number {
    const end = state.finishedAt || Date.now();
    return state.startedAt && end > state.startedAt ? (state.rows * 1000) / (end - state.startedAt) : 0;
  }

  private render(force: boolean): void {
    const { rows, expected } = this.overall();
    const percent = expected > 0 ? (100 * rows) / expected : 0;
    if (!this.tty) {
      if (!force && Date.now() - this.lastJsonAt < 5000) return;
      if (this.tables.size === 0) return;
      this.lastJsonAt = Date.now();
      const tables = [...this.tables].map(([table, state]) => ({
        table,
        rows: state.rows,
        expected: state.expected,
        rowsPerSecond: Math.round(this.rate(state)),
        done: state.finishedAt > 0,
      }));
      process.stderr.write(`${JSON.stringify({ event: 'progress', elapsedMs: Date.now() - this.startedAt, overallPercent: Math.round(percent * 10) / 10, rows, tables })}\n`);
      return;
    }
    this.clear();
    const lines = [...this.tables].map(([table, state]) => {
      const share = state.expected > 0 ? Math.min(100, (100 * state.rows) / state.expected) : 0;
      const status = state.finishedAt ? `done in ${formatDuration(state.finishedAt - state.startedAt)}` : `${share.toFixed(0).padStart(3)}%`;
      return `  ${table.padEnd(32)} ${number(state.rows).padStart(12)} / ${number(state.expected).padEnd(12)} ${number(this.rate(state)).padStart(9)} rows/s  ${status}`;
    });
    if (lines.length > 0) lines.push(`  overall ${percent.toFixed(1)}% (${number(rows)} rows) after ${formatDuration(Date.now() - this.startedAt)}`);
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }

  private clear(): void {
    if (!this.tty || this.drawnLines === 0) return;
    process.stderr.write(`\x1b[${this.drawnLines}A\x1b[0J`);
    this.drawnLines = 0;
  }
}

/**
 * In a loader process: sends each sink's count to the orchestrator every half second (and once more
 * when asked), or does nothing when the loader runs on its own.
 */
export class SinkReporter {
  private readonly sinks: Array<{ sink: CopySink; label: string; expected: number }> = [];
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.send(), 500);
    this.timer.unref();
  }

  track(sink: CopySink, label: string, expected: number): CopySink {
    this.sinks.push({ sink, label, expected });
    return sink;
  }

  expect(sink: CopySink, expected: number): void {
    const entry = this.sinks.find((candidate) => candidate.sink === sink);
    if (entry) entry.expected = expected;
  }

  send(): void {
    if (!process.send) return;
    for (const { sink, label, expected } of this.sinks) {
      const report: TableReport = { type: 'table', table: label, rows: sink.rows, expected, startedAt: sink.startedAt, finishedAt: sink.finishedAt };
      process.send(report);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.send();
  }
}

export function logToParent(message: string, fields: Record<string, unknown> = {}): void {
  const report: LogReport = { type: 'log', message, fields };
  if (process.send) process.send(report);
  else process.stderr.write(`${JSON.stringify({ event: 'log', message, ...fields })}\n`);
}
