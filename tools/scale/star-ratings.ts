import { randomStream, type Random } from './prng.ts';
import type { Row } from './table-rows.ts';

/**
 * Party members' star ratings (星级化) as the assessments service records them: a round per member
 * and quarter, opened the day after the quarter, walked through "三评一定一公示" in the three weeks
 * after it (only the steps the as-of instant has reached: within those weeks the rounds are half-way), the itemised sheets of the
 * self-rating and the branch committee, the step log, and the member's yearly rating recomputed
 * from the decided quarters exactly as StarRatingService.recomputeYear does — with the service's
 * own scoreStars, combineSheets, yearlyOutcome, isDecided, STEP_ORDER and SHEET_RULES (passed in).
 * A final year with one star or none gets the party committee's measure in January; a member
 * persuaded to leave after a red line is not rated again. Pure; rows carry the service's columns.
 *
 * Each member has a conduct level per year (five, four, three or two stars — a yellow card), kept
 * from one year to the next more often than not, and now and then a red line; the sheets are drawn
 * so the year's summed quarters land there, and the service's arithmetic decides what they give.
 */

export interface StarItem {
  star: string;
  points: number;
}

export interface StarSheet {
  items: readonly StarItem[];
  redLines: readonly string[];
}

export interface StarResult {
  scores: Array<{ star: string; score: number; earned: boolean }>;
  earnedStars: number;
  totalScore: number;
  vetoed: boolean;
  redLines: string[];
  stars: number | null;
}

export interface YearlyOutcome {
  stars: number | null;
  yellowCard: boolean;
  downgraded: boolean;
  outcomes: string[];
  measureRequired: boolean;
  informsFullMembership: boolean;
}

/** The service's rules (dist/ in the loader, src/ in the tests). */
export interface StarRules {
  scoreStars(sheet: StarSheet, options: { probationary: boolean }): StarResult;
  combineSheets(sheets: readonly StarSheet[]): StarSheet;
  yearlyOutcome(result: Pick<StarResult, 'stars'>, previousYearYellowCard: boolean): YearlyOutcome;
  isDecided(status: string): boolean;
  stepOrder: readonly string[];
  /** Which steps hand in a sheet: REQUIRED ones do here; OPTIONAL ones confirm the last sheet; NOT_ALLOWED ones publish. */
  sheetRules: Readonly<Record<string, string>>;
}

export interface PartyMember {
  personId: string;
  gridCode: string;
  memberType: string;
  /** YYYY-MM-DD, or null when not on file. */
  joinedOn: string | null;
}

export interface RatingFrame {
  seed: number;
  since: number;
  asOf: number;
  rules: StarRules;
  actors: { villageAdmin: (gridCode: string) => string; townshipAdmin: (gridCode: string) => string; gridLeader: (gridCode: string) => string };
  newId: (kind: string) => string;
}

export interface MemberRatingRows {
  party_member_rating: Row[];
  rating_round: Row[];
  rating_entry: Row[];
  rating_step_record: Row[];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHINA = 8 * HOUR;
const DEDUCTION_STARS = ['POLITICAL', 'DISCIPLINE', 'MORALITY', 'DEDICATION'] as const;
/** Days after the quarter on which each step is recorded, in STEP_ORDER (as the demo seed does). */
const STEP_DAYS = [3, 7, 12, 18, 20];
const STEP_ACTORS = ['grid-leader', 'grid-leader', 'township-admin', 'village-admin', 'village-admin'];
const STEP_NOTES = ['党员无系统账号，由支委代录自评', '支委会初评', '街道党工委审核同意', '党员大会评定', '在党务公开栏公示7天，无异议'];
const PERFORMANCE_REASONS = ['参加社区志愿服务', '联系服务结对群众', '参与防汛值守', '调解邻里纠纷', '参与垃圾分类督导', '认领微心愿'];
const DEDUCTION_REASONS: Record<string, string> = {
  POLITICAL: '无故缺席“三会一课”',
  DISCIPLINE: '组织生活请假未按时补学',
  MORALITY: '邻里纠纷中言行不当',
  DEDICATION: '未完成季度志愿服务时长',
};
const RED_LINES = [
  ['VIOLATING_SOCIAL_MORALITY', '拒不履行赡养义务，造成恶劣社会影响'],
  ['BREAKING_LAW_OR_DISCIPLINE', '参与赌博被行政处罚'],
  ['NOT_FULFILLING_DUTIES', '连续六个月不参加组织生活'],
] as const;
const CONDUCT: ReadonlyArray<readonly [number, Conduct]> = [
  [30, 5],
  [42, 4],
  [18, 3],
  [10, 2],
];
/** After a yellow card (a reminder talk), most members do better the next year. */
const AFTER_YELLOW_CARD: ReadonlyArray<readonly [number, Conduct]> = [
  [20, 5],
  [50, 4],
  [30, 3],
];
const RED_LINE_PER_YEAR = 0.004;

type Conduct = 5 | 4 | 3 | 2;

interface Line {
  star: string | null;
  points: number | null;
  redLine: string | null;
  reason: string;
}

interface Round {
  row: Row;
  quarter: number;
  memberType: string;
  status: string;
  sheetStep: string | null;
  /** The lines each step handed in, by step. */
  sheets: Map<string, Line[]>;
  lastAt: number;
  steps: number;
}

/** The instant a quarter ends (midnight in China at the start of the next quarter). */
export function quarterEnd(year: number, quarter: number): number {
  return Date.UTC(year, quarter * 3, 1) - CHINA;
}

/** Rated years: the first whole year of the period up to the as-of year. */
export function ratedYears(since: number, asOf: number): number[] {
  const first = new Date(since + CHINA);
  const firstYear = first.getUTCMonth() === 0 && first.getUTCDate() === 1 ? first.getUTCFullYear() : first.getUTCFullYear() + 1;
  const lastYear = new Date(asOf - 1 + CHINA).getUTCFullYear();
  return Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i);
}

function sheetOf(lines: readonly Line[]): StarSheet {
  return {
    items: lines.filter((line) => line.star !== null && line.points !== null).map((line) => ({ star: line.star!, points: line.points! })),
    redLines: lines.filter((line) => line.redLine !== null).map((line) => line.redLine!),
  };
}

export function rateMember(member: PartyMember, frame: RatingFrame): MemberRatingRows {
  const random = randomStream(frame.seed, `stars:${member.personId}`);
  const rows: MemberRatingRows = { party_member_rating: [], rating_round: [], rating_entry: [], rating_step_record: [] };
  let conduct: Conduct = random.weighted(CONDUCT);
  let previous: Row | null = null;
  for (const year of ratedYears(frame.since, frame.asOf)) {
    if (previous !== null) {
      if (conduct === 2 && random.chance(0.75)) conduct = random.weighted(AFTER_YELLOW_CARD);
      else if (conduct !== 2 && random.chance(0.3)) conduct = random.weighted(CONDUCT);
    }
    const quarters = [1, 2, 3, 4].filter((quarter) => {
      const opened = quarterEnd(year, quarter) + DAY + 9 * HOUR;
      return opened < frame.asOf && (member.joinedOn === null || member.joinedOn < new Date(quarterEnd(year, quarter) + CHINA).toISOString().slice(0, 10));
    });
    if (quarters.length === 0) continue;
    const redLineQuarter = random.chance(RED_LINE_PER_YEAR) ? random.pick(quarters) : null;
    // The two deduction stars a three- or two-star year loses.
    const first = random.int(0, 3);
    const second = (first + random.int(1, 3)) % 4;
    const lost = [DEDUCTION_STARS[first], DEDUCTION_STARS[second]];
    const rounds = quarters.map((quarter) => walkRound(member, frame, random, year, quarter, quarterLines(random, conduct, lost, quarter, quarter === redLineQuarter)));
    const rating = yearRating(member, frame, year, rounds, previous);
    rows.party_member_rating.push(rating);
    for (const round of rounds) {
      round.row.rating_id = rating.id;
      rows.rating_round.push(round.row);
      for (const [step, lines] of round.sheets) {
        for (const line of lines) {
          rows.rating_entry.push({ id: frame.newId('rating-entry'), round_id: round.row.id, step, star: line.star, points: line.points, red_line: line.redLine, reason: line.reason });
        }
      }
    }
    rows.rating_step_record.push(...rounds.flatMap((round) => stepRecords(round, member, frame)));
    previous = rating;
    // Persuaded to leave after a red line: not rated again.
    if (rating.one_star_measure === 'PERSUADE_TO_LEAVE') break;
  }
  return rows;
}

/** A quarter's lines for a year that should land on the conduct's stars (the year sums its quarters). */
function quarterLines(random: Random, conduct: Conduct, lost: readonly string[], quarter: number, redLine: boolean): Line[] {
  const tenths = (low: number, high: number) => random.int(low * 10, high * 10) / 10;
  const perform = (points: number): Line => ({ star: 'PERFORMANCE', points, redLine: null, reason: PERFORMANCE_REASONS[(quarter + random.int(0, 5)) % PERFORMANCE_REASONS.length] });
  const deduct = (star: string, points: number): Line => ({ star, points, redLine: null, reason: DEDUCTION_REASONS[star] });
  const lines: Line[] = [];
  // PERFORMANCE: 3–5 a quarter earns the star over a year (12), 0.5–2.5 does not.
  lines.push(perform(conduct === 5 || conduct === 3 ? tenths(3, 5) : tenths(0.5, 2.5)));
  if (conduct === 3 || conduct === 2) {
    // 2.5–3 a quarter from two stars: 10–12 over a year takes them below 12.
    for (const star of lost) lines.push(deduct(star, tenths(2.5, 3)));
  } else if (random.chance(0.2)) {
    lines.push(deduct(random.pick(DEDUCTION_STARS), tenths(0.5, 1.5)));
  }
  if (redLine) {
    const [line, reason] = random.pick(RED_LINES);
    lines.push({ star: null, points: null, redLine: line, reason });
  }
  return lines;
}

/** Opens the round and records the steps whose day has come; the round keeps the result of its latest sheet. */
function walkRound(member: PartyMember, frame: RatingFrame, random: Random, year: number, quarter: number, lines: Line[]): Round {
  const { rules } = frame;
  const ended = quarterEnd(year, quarter);
  const opened = ended + DAY + random.int(9, 11) * HOUR;
  const row: Row = {
    id: frame.newId('rating-round'),
    created_at: new Date(opened),
    updated_at: new Date(opened),
    version: 1,
    rating_id: null,
    person_id: member.personId,
    year,
    quarter,
    area_code: member.gridCode,
    member_user_id: null,
    member_type: member.memberType,
    status: 'OPENED',
    sheet_step: null,
    scores: '[]',
    earned_stars: 0,
    stars: null,
    vetoed: false,
    red_lines: [],
    total_score: 0,
    opened_by: frame.actors.villageAdmin(member.gridCode),
  };
  const round: Round = { row, quarter, memberType: member.memberType, status: 'OPENED', sheetStep: null, sheets: new Map(), lastAt: opened, steps: 0 };
  rules.stepOrder.forEach((step, index) => {
    const at = ended + STEP_DAYS[index] * DAY + 10 * HOUR;
    if (at >= frame.asOf || round.status !== (index === 0 ? 'OPENED' : rules.stepOrder[index - 1])) return;
    if (rules.sheetRules[step] === 'REQUIRED') {
      // Members rarely deduct from themselves: the self-rating lists what they did; the branch committee rates it all.
      const sheet = index === 0 ? lines.filter((line) => line.star === 'PERFORMANCE') : lines;
      round.sheets.set(step, sheet);
      round.sheetStep = step;
      applyResult(row, rules.scoreStars(sheetOf(sheet), { probationary: member.memberType === 'PROBATIONARY' }));
      row.sheet_step = step;
    }
    round.status = step;
    round.lastAt = at;
    round.steps += 1;
    Object.assign(row, { status: step, updated_at: new Date(at), version: 1 + round.steps });
  });
  return round;
}

function applyResult(row: Row, result: StarResult): void {
  Object.assign(row, {
    scores: JSON.stringify(result.scores),
    earned_stars: result.earnedStars,
    stars: result.stars,
    vetoed: result.vetoed,
    red_lines: result.redLines,
    total_score: result.totalScore,
  });
}

/** StarRatingService.recomputeYear over the year's rounds as they stand. */
function yearRating(member: PartyMember, frame: RatingFrame, year: number, rounds: Round[], previous: Row | null): Row {
  const { rules } = frame;
  const decided = rounds.filter((round) => rules.isDecided(round.status));
  const sheets = decided.map((round) => sheetOf(round.sheets.get(round.sheetStep!) ?? []));
  const latest = rounds[rounds.length - 1];
  const isProbationary = (decided.at(-1)?.memberType ?? latest.memberType) === 'PROBATIONARY';
  const result = rules.scoreStars(rules.combineSheets(sheets), { probationary: isProbationary });
  const final = decided.some((round) => round.quarter === 4) && decided.length === rounds.length;
  const outcome = final
    ? rules.yearlyOutcome(result, previous !== null && previous.final === true && previous.yellow_card === true)
    : { stars: result.stars, yellowCard: false, downgraded: false, outcomes: [], measureRequired: false, informsFullMembership: isProbationary };
  const lastAt = Math.max(...rounds.map((round) => round.lastAt));
  const row: Row = {
    id: frame.newId('party-member-rating'),
    created_at: rounds[0].row.created_at,
    updated_at: new Date(lastAt),
    version: 1 + rounds.reduce((sum, round) => sum + round.steps, 0),
    person_id: member.personId,
    year,
    area_code: latest.row.area_code,
    member_user_id: null,
    member_type: latest.memberType,
    scores: JSON.stringify(result.scores),
    earned_stars: result.earnedStars,
    stars: decided.length === 0 ? null : outcome.stars,
    vetoed: result.vetoed,
    red_lines: result.redLines,
    total_score: result.totalScore,
    decided_quarters: JSON.stringify(decided.map((round) => round.quarter)),
    final,
    yellow_card: outcome.yellowCard,
    downgraded: outcome.downgraded,
    outcomes: outcome.outcomes,
    measure_required: outcome.measureRequired,
    informs_full_membership: outcome.informsFullMembership,
    one_star_measure: null,
    measure_note: null,
    measure_decided_by: null,
    measure_decided_at: null,
  };
  // The party committee decides a one-star member's measure in January.
  const decidedAt = Date.UTC(year + 1, 0, 25, 2);
  if (final && outcome.measureRequired && decidedAt < frame.asOf) {
    const redLine = result.vetoed;
    Object.assign(row, {
      one_star_measure: redLine ? 'PERSUADE_TO_LEAVE' : 'CORRECTION_DEADLINE',
      measure_note: redLine ? '触碰红线，经党委研究劝其退党' : '限期三个月整改，支部书记结对帮带',
      measure_decided_by: frame.actors.townshipAdmin(member.gridCode),
      measure_decided_at: new Date(decidedAt),
      updated_at: new Date(decidedAt),
      version: (row.version as number) + 1,
    });
  }
  return row;
}

function stepRecords(round: Round, member: PartyMember, frame: RatingFrame): Row[] {
  const ended = quarterEnd(round.row.year as number, round.quarter);
  return frame.rules.stepOrder.slice(0, round.steps).map((step, index) => {
    const role = STEP_ACTORS[index];
    const actor = role === 'grid-leader' ? frame.actors.gridLeader(member.gridCode) : role === 'township-admin' ? frame.actors.townshipAdmin(member.gridCode) : frame.actors.villageAdmin(member.gridCode);
    return { id: frame.newId('rating-step-record'), round_id: round.row.id, step, actor_user_id: actor, actor_role: role, at: new Date(ended + STEP_DAYS[index] * DAY + 10 * HOUR), note: STEP_NOTES[index] };
  });
}
