/** Settings of the cases service, from the environment; defaults follow DOMAIN.md §4 where it gives numbers. */
export interface CasesConfig {
  /** Case numbers, report days and working days are counted in this time zone. */
  timeZone: string;
  /** How often the deadline scheduler runs; 0 turns it off (tests call runOnce instead). */
  schedulerIntervalMs: number;
  /** Warn the assignee this many hours before the deadline. */
  warningHours: number;
  /** A new case in the same grid and category this close (metres) … */
  duplicateRadiusMetres: number;
  /** … and this recent (days) is shown as a likely duplicate. */
  duplicateWindowDays: number;
  /** Cases one scheduler run claims per step. */
  schedulerBatchSize: number;
}

function numberFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`not a non-negative number: ${value}`);
  return parsed;
}

export function loadCasesConfig(env: NodeJS.ProcessEnv = process.env): CasesConfig {
  return {
    timeZone: env.CASES_TIME_ZONE ?? 'Asia/Shanghai',
    schedulerIntervalMs: numberFrom(env.CASES_SCHEDULER_INTERVAL_MS, 30_000),
    warningHours: numberFrom(env.CASES_DEADLINE_WARNING_HOURS, 24),
    duplicateRadiusMetres: numberFrom(env.CASES_DUPLICATE_RADIUS_METRES, 200),
    duplicateWindowDays: numberFrom(env.CASES_DUPLICATE_WINDOW_DAYS, 7),
    schedulerBatchSize: numberFrom(env.CASES_SCHEDULER_BATCH_SIZE, 200),
  };
}

export const CASES_CONFIG = Symbol('CASES_CONFIG');
