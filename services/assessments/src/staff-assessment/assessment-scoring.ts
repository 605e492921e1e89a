import { AssessmentKind } from './assessment-enums.js';

/**
 * How an assessment of grid staff is scored (量化打分 + 平台统计 + 民主测评, DOMAIN.md §6). Every part is
 * a 0–100 score rounded to two decimals; the total is the weighted sum of the rounded parts, so
 * anyone can recompute it from the numbers shown.
 */

/** Weights of the three parts; they must add up to 1. */
export interface AssessmentWeightSet {
  quantified: number;
  platform: number;
  democratic: number;
}

/** Defaults where no AssessmentWeights row applies: 0.4 / 0.4 / 0.2, the residents' evaluation leaning on the votes. */
export const DEFAULT_WEIGHTS: Record<AssessmentKind, AssessmentWeightSet> = {
  [AssessmentKind.GRID_MONTHLY]: { quantified: 0.4, platform: 0.4, democratic: 0.2 },
  [AssessmentKind.VILLAGE_QUARTERLY]: { quantified: 0.4, platform: 0.4, democratic: 0.2 },
  [AssessmentKind.TOWNSHIP_HALF_YEARLY]: { quantified: 0.4, platform: 0.4, democratic: 0.2 },
  [AssessmentKind.DEMOCRATIC_HALF_YEARLY]: { quantified: 0.2, platform: 0.2, democratic: 0.6 },
  [AssessmentKind.TOWNSHIP_YEAR_END]: { quantified: 0.4, platform: 0.4, democratic: 0.2 },
};

const WEIGHT_EPSILON = 1e-9;

/** Why the weights are not usable, or null: each in [0, 1], together exactly 1. */
export function weightsProblem(weights: AssessmentWeightSet): string | null {
  const values = [weights.quantified, weights.platform, weights.democratic];
  if (values.some((value) => !Number.isFinite(value) || value < 0 || value > 1)) return 'each weight must be between 0 and 1';
  const sum = values.reduce((total, value) => total + value, 0);
  if (Math.abs(sum - 1) > WEIGHT_EPSILON) return `quantified + platform + democratic must add up to 1, not ${round2(sum)}`;
  return null;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

// ─── Democratic evaluation (民主测评) ──────────────────────────────────────

export interface VoteCounts {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** Points per vote (and per case rating): satisfied 100, basically satisfied 60, unsatisfied 0. */
export const VOTE_POINTS = { satisfied: 100, basicallySatisfied: 60, unsatisfied: 0 } as const;

export function voteTotal(votes: VoteCounts): number {
  return votes.satisfied + votes.basicallySatisfied + votes.unsatisfied;
}

/** The mean points of the votes (0–100), or null without votes. */
export function voteScore(votes: VoteCounts): number | null {
  const total = voteTotal(votes);
  if (total === 0) return null;
  const points = votes.satisfied * VOTE_POINTS.satisfied + votes.basicallySatisfied * VOTE_POINTS.basicallySatisfied + votes.unsatisfied * VOTE_POINTS.unsatisfied;
  return round2(points / total);
}

// ─── Quantified scoring (量化打分) ─────────────────────────────────────────

export interface QuantifiedItem {
  name: string;
  points: number;
  maxPoints: number;
}

/** Points earned as a share of the points possible, on 0–100; null without items. */
export function quantifiedScore(items: readonly QuantifiedItem[]): number | null {
  const possible = items.reduce((sum, item) => sum + item.maxPoints, 0);
  if (items.length === 0 || possible <= 0) return null;
  return round2((100 * items.reduce((sum, item) => sum + item.points, 0)) / possible);
}

// ─── Platform statistics (平台统计) ────────────────────────────────────────

/** What the projections count for one staff member in one grid over a period. */
export interface PlatformCounts extends VoteCounts {
  visits: number;
  casesFound: number;
  casesClosed: number;
  casesClosedOnTime: number;
  /** §8.1: stage limits the staff member ran over as a case's holder. */
  stageOverruns: number;
  /** §8.3: care slots (四个一) of the staff member's households left undone past their day; each is a visit short. */
  careMissed?: number;
}

/**
 * Targets and shares of the platform score:
 * - visits: share of the target of 20 household visits per 30 days (pro rata for the period), at most 1;
 * - cases found: share of the target of 4 per 30 days, at most 1;
 * - on time: cases closed on time ÷ (cases closed + stage limits they ran over, DOMAIN.md §8.1: an overrun
 *   counts as one more case not on time);
 * - satisfaction: the residents' case ratings in the grid, scored like votes (100 / 60 / 0) ÷ 100, without
 *   the ratings the staff member entered themself at return visits (§8.2);
 * Weighted 0.3 / 0.2 / 0.3 / 0.2. A part without data (nothing closed, nothing rated) is left out and
 * the remaining weights are scaled up, so a quiet grid is neither rewarded nor punished for it.
 */
export const PLATFORM_TARGETS = { visitsPer30Days: 20, casesFoundPer30Days: 4 } as const;
export const PLATFORM_SHARES = { visits: 0.3, casesFound: 0.2, onTime: 0.3, satisfaction: 0.2 } as const;

/** The county's 四培五考 targets (issue 15, county setting PLATFORM_TARGETS; default 20 visits and 4 cases per 30 days). */
export interface PlatformTargets {
  windowDays: number;
  visits: number;
  casesFound: number;
}

export const DEFAULT_PLATFORM_TARGETS: PlatformTargets = { windowDays: 30, visits: PLATFORM_TARGETS.visitsPer30Days, casesFound: PLATFORM_TARGETS.casesFoundPer30Days };

/** A share of a target, at most 1; a target of 0 asks for nothing and is met. */
const shareOf = (count: number, target: number) => (target <= 0 ? 1 : Math.min(1, count / target));

export function platformScore(counts: PlatformCounts, days: number, targets: PlatformTargets = DEFAULT_PLATFORM_TARGETS): number {
  const scale = days / targets.windowDays;
  const parts: Array<[number, number]> = [
    // §8.3: overdue care counts against the visits made (a missed care slot is a visit short).
    [PLATFORM_SHARES.visits, shareOf(Math.max(0, counts.visits - (counts.careMissed ?? 0)), targets.visits * scale)],
    [PLATFORM_SHARES.casesFound, shareOf(counts.casesFound, targets.casesFound * scale)],
  ];
  const judged = counts.casesClosed + (counts.stageOverruns ?? 0);
  if (judged > 0) parts.push([PLATFORM_SHARES.onTime, counts.casesClosedOnTime / judged]);
  const satisfaction = voteScore(counts);
  if (satisfaction !== null) parts.push([PLATFORM_SHARES.satisfaction, satisfaction / 100]);
  const weight = parts.reduce((sum, [share]) => sum + share, 0);
  return round2((100 * parts.reduce((sum, [share, value]) => sum + share * value, 0)) / weight);
}

// ─── Total ──────────────────────────────────────────────────────────────────

export interface AssessmentParts {
  quantified: number | null;
  platform: number;
  democratic: number | null;
}

/** The weighted total; a part with weight 0 may be missing (the caller refuses a missing part with weight). */
export function totalScore(parts: AssessmentParts, weights: AssessmentWeightSet): number {
  return round2((parts.quantified ?? 0) * weights.quantified + parts.platform * weights.platform + (parts.democratic ?? 0) * weights.democratic);
}
