/** Each grid worker links about 30–50 households (DOMAIN.md §2); the bounds come from the environment. */
export enum LoadStatus {
  UNDER = 'UNDER',
  OK = 'OK',
  OVER = 'OVER',
}

export interface CoverageBounds {
  min: number;
  max: number;
}

export const DEFAULT_COVERAGE_BOUNDS: CoverageBounds = { min: 30, max: 50 };

/** Reads GRID_COVERAGE_MIN / GRID_COVERAGE_MAX; a malformed setting stops the service rather than mislabel loads. */
export function coverageBoundsFrom(env: NodeJS.ProcessEnv = process.env): CoverageBounds {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}"`);
    return value;
  };
  const bounds = { min: read('GRID_COVERAGE_MIN', DEFAULT_COVERAGE_BOUNDS.min), max: read('GRID_COVERAGE_MAX', DEFAULT_COVERAGE_BOUNDS.max) };
  if (bounds.min > bounds.max) throw new Error(`GRID_COVERAGE_MIN (${bounds.min}) must not exceed GRID_COVERAGE_MAX (${bounds.max})`);
  return bounds;
}

/** Both bounds are inclusive: with 30–50, 29 is UNDER, 30 and 50 are OK, 51 is OVER. */
export function loadStatusOf(households: number, bounds: CoverageBounds): LoadStatus {
  if (households < bounds.min) return LoadStatus.UNDER;
  if (households > bounds.max) return LoadStatus.OVER;
  return LoadStatus.OK;
}
