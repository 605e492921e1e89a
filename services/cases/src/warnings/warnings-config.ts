/** Settings of the warnings scheduler, from the environment (the thresholds are county settings: warning-rules.ts). */
export interface WarningsConfig {
  /** How often the scheduler looks for disputes past their stage limit; 0 turns it off (tests call runOnce). */
  intervalMs: number;
}

export function loadWarningsConfig(env: NodeJS.ProcessEnv = process.env): WarningsConfig {
  const interval = Number(env.CASES_WARNINGS_INTERVAL_MS ?? 600_000);
  return { intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 600_000 };
}

export const WARNINGS_CONFIG = Symbol('WARNINGS_CONFIG');
