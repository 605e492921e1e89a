// node tools/progress/seed-progress.ts <label> <log file>: reads a seeding process's JSON log lines (pino)
// from standard input, keeps every line in the log file, and shows the person at the terminal a progress
// bar per step instead of a flood of JSON. Without a terminal (CI, pipes) it prints one plain line per
// step. Lines logged as errors are also shown as they come. Run by tools/stack.sh for `./lianxin seed`/`up`.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export interface SeedLine {
  level?: number;
  msg?: string;
  step?: string;
  done?: number;
  total?: number;
  err?: { message?: string };
}

export interface StepState {
  step: string;
  message: string;
  done: number;
  total: number;
}

const WIDTH = 24;

/** The progress bar of one step: `[████████░░░░]  120/200 writing demo cases`. */
export function renderBar(label: string, state: StepState): string {
  const share = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
  const filled = Math.round(share * WIDTH);
  const count = state.total > 0 ? `${state.done}/${state.total}` : '';
  return `[lianxin] seeding ${label.padEnd(12)} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${count.padStart(9)} ${state.message}`;
}

/** Folds one log line into the current step; returns whether the step changed (a new line is due). */
export function advance(current: StepState | null, line: SeedLine): { state: StepState; changed: boolean } {
  const step = line.step ?? current?.step ?? '';
  const changed = current === null || current.step !== step;
  // A new step starts from its own counts; it never inherits the previous step's total.
  const previous = changed ? null : current;
  const state: StepState = {
    step,
    message: line.msg ?? previous?.message ?? '',
    done: line.done ?? (line.total !== undefined ? line.total : (previous?.done ?? 0)),
    total: line.total ?? previous?.total ?? 0,
  };
  return { state, changed };
}

export function parseLine(text: string): SeedLine | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as SeedLine) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const [label = 'data', logFile] = process.argv.slice(2);
  if (!logFile) throw new Error('usage: seed-progress.ts <label> <log file>');
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  const tty = process.stdout.isTTY === true;
  let state: StepState | null = null;
  let lastDraw = 0;
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!text.trim()) continue;
    appendFileSync(logFile, `${text}\n`);
    const line = parseLine(text);
    if (!line) {
      process.stderr.write(`${text}\n`);
      continue;
    }
    if ((line.level ?? 30) >= 50) process.stderr.write(`[lianxin] ${label}: ${line.msg ?? ''}${line.err?.message ? `: ${line.err.message}` : ''}\n`);
    const next = advance(state, line);
    if (tty) {
      if (next.changed && state) process.stdout.write('\n');
      if (next.changed || Date.now() - lastDraw > 100 || next.state.done === next.state.total) {
        process.stdout.write(`\r\x1b[2K${renderBar(label, next.state)}`);
        lastDraw = Date.now();
      }
    } else if (next.changed) {
      process.stdout.write(`[lianxin] seeding ${label}: ${next.state.message}${next.state.total ? ` (${next.state.total})` : ''}\n`);
    }
    state = next.state;
  }
  if (tty && state) process.stdout.write('\n');
}

if (process.argv[1]?.endsWith('seed-progress.ts')) {
  main().catch((error: Error) => {
    process.stderr.write(`[lianxin] seed-progress: ${error.message}\n`);
    process.exitCode = 1;
  });
}
