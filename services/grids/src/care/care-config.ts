import { type CareRules, parseCareRuleOverrides, rulesForCounty } from './care-rules.js';

/** Settings of the care schedule, from the environment. */
export interface CareConfig {
  /** How often the scheduler writes slots ahead and raises overdue care; 0 turns it off (tests call runOnce). */
  intervalMs: number;
  /** Slots one scheduler step claims. */
  batchSize: number;
  /** Per-county overrides of care-rules.ts (GRIDS_CARE_RULES). */
  overrides: Record<string, Partial<CareRules>>;
}

export function loadCareConfig(env: NodeJS.ProcessEnv = process.env): CareConfig {
  const interval = Number(env.GRIDS_CARE_INTERVAL_MS ?? 300_000);
  return {
    intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 300_000,
    batchSize: Number(env.GRIDS_CARE_BATCH_SIZE ?? 500) || 500,
    overrides: parseCareRuleOverrides(env.GRIDS_CARE_RULES),
  };
}

export const CARE_CONFIG = Symbol('CARE_CONFIG');

export function careRulesFor(config: CareConfig, gridCode: string): CareRules {
  return rulesForCounty(gridCode, config.overrides);
}
