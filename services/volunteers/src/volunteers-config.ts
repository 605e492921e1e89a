/** Settings of the volunteers service, from the environment (DOMAIN.md §5: where the reports give no number, ours). */
export interface VolunteersConfig {
  /** How often the order-expiry scheduler runs; 0 turns it off (tests call runOnce instead). */
  schedulerIntervalMs: number;
  /** Orders one scheduler step claims. */
  schedulerBatchSize: number;
  /**
   * When points may be redeemed: `quarter-end` (the last `redemptionWindowDays` days of each quarter,
   * the default), `always` or `never` (overrides, e.g. for tests and special redemption fairs).
   */
  redemptionDays: RedemptionDays;
  redemptionWindowDays: number;
}

export type RedemptionDays = 'quarter-end' | 'always' | 'never';

function numberFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} is not a non-negative number: ${value}`);
  return parsed;
}

export function loadVolunteersConfig(env: NodeJS.ProcessEnv = process.env): VolunteersConfig {
  const redemptionDays = (env.VOLUNTEERS_REDEMPTION_DAYS ?? 'quarter-end') as RedemptionDays;
  if (!['quarter-end', 'always', 'never'].includes(redemptionDays)) {
    throw new Error(`VOLUNTEERS_REDEMPTION_DAYS must be quarter-end, always or never: ${redemptionDays}`);
  }
  const redemptionWindowDays = numberFrom('VOLUNTEERS_REDEMPTION_WINDOW_DAYS', env.VOLUNTEERS_REDEMPTION_WINDOW_DAYS, 7);
  if (!Number.isInteger(redemptionWindowDays) || redemptionWindowDays < 1 || redemptionWindowDays > 28) {
    throw new Error(`VOLUNTEERS_REDEMPTION_WINDOW_DAYS must be a whole number from 1 to 28: ${redemptionWindowDays}`);
  }
  return {
    schedulerIntervalMs: numberFrom('VOLUNTEERS_SCHEDULER_INTERVAL_MS', env.VOLUNTEERS_SCHEDULER_INTERVAL_MS, 60_000),
    schedulerBatchSize: Math.max(1, numberFrom('VOLUNTEERS_SCHEDULER_BATCH_SIZE', env.VOLUNTEERS_SCHEDULER_BATCH_SIZE, 200)),
    redemptionDays,
    redemptionWindowDays,
  };
}

export const VOLUNTEERS_CONFIG = Symbol('VOLUNTEERS_CONFIG');
