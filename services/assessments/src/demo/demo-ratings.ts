import { OneStarMeasure, PartyMemberType, PartyStar, RedLine } from '../star-rating/star-rating-enums.js';
import { personIdFor } from './demo-ids.js';
import { DEMO_PARTY_MEMBERS, PROBATIONARY_SINCE } from './demo-members.js';

/**
 * The demo star ratings (pure): 2024 and 2025 complete (four quarters each, publicly notified) and
 * 2026 Q1–Q3 decided, for the members of demo-members.ts. Each member follows a profile, so the demo
 * shows every outcome: five stars, a yellow card, two yellow cards in a row (one star and a measure),
 * a red line, and probationary members with a score but no stars.
 */
export enum DemoProfile {
  FIVE_STARS = 'FIVE_STARS',
  FOUR_STARS = 'FOUR_STARS',
  THREE_STARS = 'THREE_STARS',
  YELLOW_CARD_ONCE = 'YELLOW_CARD_ONCE',
  YELLOW_CARD_TWICE = 'YELLOW_CARD_TWICE',
  RED_LINE = 'RED_LINE',
  PROBATIONARY = 'PROBATIONARY',
}

export interface DemoEntry {
  star: PartyStar;
  points: number;
  reason: string;
}

export interface DemoQuarter {
  key: string;
  personId: string;
  gridCode: string;
  memberType: PartyMemberType;
  year: number;
  quarter: number;
  entries: DemoEntry[];
  redLines: Array<{ redLine: RedLine; reason: string }>;
}

export interface DemoMeasure {
  personId: string;
  gridCode: string;
  year: number;
  measure: OneStarMeasure;
  note: string;
}

/** Members singled out by index in DEMO_PARTY_MEMBERS; the rest cycle through the ordinary profiles. */
const SPECIAL_PROFILES: Record<number, DemoProfile> = {
  0: DemoProfile.FIVE_STARS,
  2: DemoProfile.YELLOW_CARD_TWICE,
  4: DemoProfile.YELLOW_CARD_ONCE,
  9: DemoProfile.RED_LINE,
  16: DemoProfile.YELLOW_CARD_TWICE,
  20: DemoProfile.YELLOW_CARD_ONCE,
};
const ORDINARY_PROFILES = [DemoProfile.FIVE_STARS, DemoProfile.FOUR_STARS, DemoProfile.FOUR_STARS, DemoProfile.THREE_STARS, DemoProfile.FIVE_STARS, DemoProfile.FOUR_STARS];

export function profileOf(index: number): DemoProfile {
  if (DEMO_PARTY_MEMBERS[index][2] === PartyMemberType.PROBATIONARY) return DemoProfile.PROBATIONARY;
  return SPECIAL_PROFILES[index] ?? ORDINARY_PROFILES[index % ORDINARY_PROFILES.length];
}

const PERFORMANCE_REASONS = ['参加社区志愿服务', '联系服务结对群众', '参与防汛值守', '调解邻里纠纷', '参与垃圾分类督导'];
const perform = (points: number, quarter: number): DemoEntry => ({ star: PartyStar.PERFORMANCE, points, reason: PERFORMANCE_REASONS[quarter % PERFORMANCE_REASONS.length] });
const deduct = (star: PartyStar, points: number): DemoEntry => ({ star, points, reason: DEDUCTION_REASONS[star] });
const DEDUCTION_REASONS: Record<PartyStar, string> = {
  [PartyStar.POLITICAL]: '无故缺席“三会一课”',
  [PartyStar.DISCIPLINE]: '组织生活请假未按时补学',
  [PartyStar.MORALITY]: '邻里纠纷中言行不当',
  [PartyStar.DEDICATION]: '未完成季度志愿服务时长',
  [PartyStar.PERFORMANCE]: '',
};

/** A quarter's lines for a year that ends with the profile's stars (the year sums its quarters). */
type YearPattern = 'FIVE' | 'FOUR' | 'THREE' | 'YELLOW' | 'FOUR_WITH_RED_LINE';

function quarterEntries(pattern: YearPattern, quarter: number): DemoEntry[] {
  switch (pattern) {
    case 'FIVE': // PERFORMANCE 3.5 × 4 + 1 = 15; one point of discipline: 19.
      return [perform(quarter % 2 === 0 ? 4 : 3.5, quarter), ...(quarter === 2 ? [deduct(PartyStar.DISCIPLINE, 1)] : [])];
    case 'FOUR': // PERFORMANCE 10 over the year: the performance star is missed.
    case 'FOUR_WITH_RED_LINE':
      return [perform(2.5, quarter), ...(quarter === 3 ? [deduct(PartyStar.POLITICAL, 1)] : [])];
    case 'THREE': // DEDICATION 20 − 10 and MORALITY 20 − 9 are lost; PERFORMANCE 14 is earned.
      return [perform(3.5, quarter), deduct(PartyStar.DEDICATION, 2.5), ...(quarter < 4 ? [deduct(PartyStar.MORALITY, 3)] : [])];
    case 'YELLOW': // POLITICAL 20 − 9, DEDICATION 20 − 10 and PERFORMANCE 6 are lost: two stars.
      return [perform(1.5, quarter), deduct(PartyStar.DEDICATION, 2.5), ...(quarter < 4 ? [deduct(PartyStar.POLITICAL, 3)] : [])];
  }
}

function yearPattern(profile: DemoProfile, year: number): YearPattern | null {
  switch (profile) {
    case DemoProfile.FIVE_STARS:
    case DemoProfile.PROBATIONARY:
      return 'FIVE';
    case DemoProfile.FOUR_STARS:
      return 'FOUR';
    case DemoProfile.THREE_STARS:
      return 'THREE';
    case DemoProfile.YELLOW_CARD_ONCE:
      return year === 2024 ? 'YELLOW' : 'FOUR';
    case DemoProfile.YELLOW_CARD_TWICE:
      return year === 2026 ? 'FOUR' : 'YELLOW';
    case DemoProfile.RED_LINE:
      // Persuaded to leave after 2025: not rated in 2026.
      return year === 2024 ? 'FOUR' : year === 2025 ? 'FOUR_WITH_RED_LINE' : null;
  }
}

export const DEMO_RATING_QUARTERS: ReadonlyArray<readonly [year: number, quarter: number]> = [
  [2024, 1],
  [2024, 2],
  [2024, 3],
  [2024, 4],
  [2025, 1],
  [2025, 2],
  [2025, 3],
  [2025, 4],
  [2026, 1],
  [2026, 2],
  [2026, 3],
];

export function demoRatingPlan(): { quarters: DemoQuarter[]; measures: DemoMeasure[] } {
  const quarters: DemoQuarter[] = [];
  const measures: DemoMeasure[] = [];
  DEMO_PARTY_MEMBERS.forEach(([key, gridCode, memberType], index) => {
    const profile = profileOf(index);
    const personId = personIdFor(key);
    for (const [year, quarter] of DEMO_RATING_QUARTERS) {
      if (profile === DemoProfile.PROBATIONARY && year * 10 + quarter < PROBATIONARY_SINCE.year * 10 + PROBATIONARY_SINCE.quarter) continue;
      const pattern = yearPattern(profile, year);
      if (!pattern) continue;
      const redLines =
        pattern === 'FOUR_WITH_RED_LINE' && quarter === 2
          ? [{ redLine: RedLine.VIOLATING_SOCIAL_MORALITY, reason: '拒不履行赡养义务，造成恶劣社会影响' }]
          : [];
      quarters.push({ key, personId, gridCode, memberType, year, quarter, entries: quarterEntries(pattern, quarter), redLines });
    }
    if (profile === DemoProfile.YELLOW_CARD_TWICE) {
      measures.push({ personId, gridCode, year: 2025, measure: OneStarMeasure.CORRECTION_DEADLINE, note: '连续两年黄牌，限期三个月整改，支部书记结对帮带' });
    }
    if (profile === DemoProfile.RED_LINE) {
      measures.push({ personId, gridCode, year: 2025, measure: OneStarMeasure.PERSUADE_TO_LEAVE, note: '触碰道德红线，经党委研究劝其退党' });
    }
  });
  return { quarters, measures };
}
