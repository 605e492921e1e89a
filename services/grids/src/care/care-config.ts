/** Settings of the care scheduler, from the environment (the cadences are county settings: care-rules.ts). */
export interface CareConfig {
  /** How often the scheduler writes slots ahead and raises overdue care; 0 turns it off (tests call runOnce). */
  intervalMs: number;
  /** Slots one scheduler step claims. */
  batchSize: number;
}

export function loadCareConfig(env: NodeJS.ProcessEnv = process.env): CareConfig {
  const interval = Number(env.GRIDS_CARE_INTERVAL_MS ?? 300_000);
  return {
    intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 300_000,
    batchSize: Number(env.GRIDS_CARE_BATCH_SIZE ?? 500) || 500,
  };
}

export const CARE_CONFIG = Symbol('CARE_CONFIG');
