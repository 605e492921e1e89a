import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; services pass their own pino logger to share its configuration. */
export function defaultEventsLogger(): Logger {
  return pino({ name: 'events', level: process.env.LOG_LEVEL ?? 'info' });
}
