import { parseWarningOverrides, thresholdsFor, type WarningThresholds } from './warning-rules.js';

export interface WarningsConfig {
  /** How often the scheduler looks for disputes past their stage limit; 0 turns it off (tests call runOnce). */
  intervalMs: number;
  overrides: Record<string, Partial<WarningThresholds>>;
}

export function loadWarningsConfig(env: NodeJS.ProcessEnv = process.env): WarningsConfig {
  const interval = Number(env.CASES_WARNINGS_INTERVAL_MS ?? 600_000);
  return { intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 600_000, overrides: parseWarningOverrides(env.CASES_WARNING_RULES) };
}

export const WARNINGS_CONFIG = Symbol('WARNINGS_CONFIG');

export function thresholds(config: WarningsConfig, areaCode: string): WarningThresholds {
  return thresholdsFor(areaCode, config.overrides);
}
