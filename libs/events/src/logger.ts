import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; services pass their own pino logger to share its configuration. */
export function defaultEventsLogger(): Logger {
  // LOG_DEST=stderr: see logFileDescriptor in @lianxin/platform (events may not import platform).
  return pino({ name: 'events', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(process.env.LOG_DEST === 'stderr' ? 2 : 1));
}
