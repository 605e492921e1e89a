import { PartyStar, RedLine } from './star-rating-enums.js';

/**
 * The Chengde star rating (星级化, DOMAIN.md §6) as pure arithmetic, in tenths of a point so that
 * 20 − 8.5 is exactly 11.5 and 5.3 + 6.6 exactly 11.9:
 *
 * 1. POLITICAL, DISCIPLINE, MORALITY and DEDICATION start at 20 and deduct; a star is kept at 12 or
 *    more and lost below 12 (12 keeps it, 11.5 loses it). A score does not go below 0.
 * 2. PERFORMANCE starts at 0 and adds; 12 earns the star (11.9 does not). It is capped at 20, so the
 *    five scores add up to at most 100.
 * 3. A red line (any of the four) vetoes the whole rating: 0 stars whatever the scores.
 * 4. A probationary member is scored but gets no stars (null); the score informs full membership.
 */
export const STAR_RULES = {
  deductionStart: 20,
  keepAtLeast: 12,
  performanceEarnAt: 12,
  performanceCap: 20,
} as const;

export const DEDUCTION_STARS: readonly PartyStar[] = [PartyStar.POLITICAL, PartyStar.DISCIPLINE, PartyStar.MORALITY, PartyStar.DEDICATION];
export const ALL_STARS: readonly PartyStar[] = [...DEDUCTION_STARS, PartyStar.PERFORMANCE];

export function isDeductionStar(star: PartyStar): boolean {
  return star !== PartyStar.PERFORMANCE;
}

/** One itemised entry: points deducted from a deduction star, or added to PERFORMANCE. */
export interface ScoreItem {
  star: PartyStar;
  points: number;
}

/** What a rating sheet holds: itemised points and any red lines crossed. */
export interface StarSheet {
  items: readonly ScoreItem[];
  redLines: readonly RedLine[];
}

export interface StarScore {
  star: PartyStar;
  score: number;
  earned: boolean;
}

export interface StarResult {
  scores: StarScore[];
  /** Stars the scores alone earn (0–5), before red lines and membership are considered. */
  earnedStars: number;
  totalScore: number;
  vetoed: boolean;
  redLines: RedLine[];
  /** Stars awarded: 0 when vetoed, null for a probationary member. */
  stars: number | null;
}

const TENTHS = 10;
const toTenths = (points: number): number => Math.round(points * TENTHS);
const fromTenths = (tenths: number): number => tenths / TENTHS;

/** Points are positive and given to a tenth of a point. */
export function isValidPoints(points: number): boolean {
  return Number.isFinite(points) && points > 0 && Math.abs(points * TENTHS - Math.round(points * TENTHS)) < 1e-6;
}

export function scoreStars(sheet: StarSheet, options: { probationary: boolean }): StarResult {
  const totals = new Map<PartyStar, number>(ALL_STARS.map((star) => [star, 0]));
  for (const item of sheet.items) totals.set(item.star, totals.get(item.star)! + toTenths(item.points));
  const scores = ALL_STARS.map((star): StarScore => {
    if (isDeductionStar(star)) {
      const tenths = Math.max(0, toTenths(STAR_RULES.deductionStart) - totals.get(star)!);
      return { star, score: fromTenths(tenths), earned: tenths >= toTenths(STAR_RULES.keepAtLeast) };
    }
    const tenths = Math.min(toTenths(STAR_RULES.performanceCap), totals.get(star)!);
    return { star, score: fromTenths(tenths), earned: tenths >= toTenths(STAR_RULES.performanceEarnAt) };
  });
  const earnedStars = scores.filter((score) => score.earned).length;
  const redLines = [...new Set(sheet.redLines)];
  const vetoed = redLines.length > 0;
  const totalTenths = scores.reduce((sum, score) => sum + toTenths(score.score), 0);
  return {
    scores,
    earnedStars,
    totalScore: fromTenths(totalTenths),
    vetoed,
    redLines,
    stars: options.probationary ? null : vetoed ? 0 : earnedStars,
  };
}

/**
 * The year is assessed on the sum of its quarters (our rule; DOMAIN.md leaves it open): every
 * decided quarter's deductions and additions count against one yearly sheet, so the four stars start
 * at 20 once a year, PERFORMANCE adds up over the year, and a red line in any quarter vetoes the year.
 */
export function combineSheets(sheets: readonly StarSheet[]): StarSheet {
  return { items: sheets.flatMap((sheet) => sheet.items), redLines: sheets.flatMap((sheet) => sheet.redLines) };
}
