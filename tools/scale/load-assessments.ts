import type { GridPlan } from './area-plan.ts';
import { GridProjection, COUNTED_ACTIONS, type HistoryRow } from './case-projection.ts';
import type { LoadContext } from './context.ts';
import { databaseName, type CopySink } from './copy-sink.ts';
import { randomStream } from './prng.ts';
import { KeyedRuns, streamRows } from './row-stream.ts';
import { HandlingLevel } from './service-code.ts';
import {
  applyCaseEvent,
  CaseEventTypes,
  chinaDay,
  combineSheets,
  DEFAULT_WEIGHTS,
  isDecided,
  periodOf,
  platformScore,
  quantifiedScore,
  scoreStars,
  SHEET_RULES,
  STEP_ORDER,
  totalScore,
  voteScore,
  yearlyOutcome,
} from './service-code-assessments.ts';
import { gridTeam } from './staff.ts';
import { rateMember, type MemberRatingRows, type StarRules } from './star-ratings.ts';
import { writeRows, type Row } from './table-rows.ts';

/**
 * assessments: every party member's star ratings (star-ratings.ts: quarterly rounds through the
 * procedure, sheets, step log, yearly ratings and one-star measures), the platform-statistics
 * projections the case consumer would have built from the loaded cases (case-projection.ts), and
 * each grid leader's and full-time worker's year-end assessment (TOWNSHIP_YEAR_END, 四培五考) for
 * every whole year of the period, completed from those projections as AssessmentService.complete
 * does (the service's periodOf, platformScore, quantifiedScore, voteScore, totalScore and default
 * weights). Party members come from the loaded people database, case histories from the cases
 * database, so this runs after both. Visits are not generated (grids has none), so every platform
 * score lacks its visits share; trainings and the other four kinds of assessment are not generated.
 */
const COLUMNS = {
  party_member_rating: [
    'id', 'created_at', 'updated_at', 'version', 'person_id', 'year', 'area_code', 'member_user_id', 'member_type', 'scores', 'earned_stars', 'stars', 'vetoed',
    'red_lines', 'total_score', 'decided_quarters', 'final', 'yellow_card', 'downgraded', 'outcomes', 'measure_required', 'informs_full_membership',
    'one_star_measure', 'measure_note', 'measure_decided_by', 'measure_decided_at',
  ],
  rating_round: [
    'id', 'created_at', 'updated_at', 'version', 'rating_id', 'person_id', 'year', 'quarter', 'area_code', 'member_user_id', 'member_type', 'status', 'sheet_step',
    'scores', 'earned_stars', 'stars', 'vetoed', 'red_lines', 'total_score', 'opened_by',
  ],
  // seq is the table's own bigserial, numbered in the order the rows arrive (each round's in step order).
  rating_entry: ['id', 'round_id', 'step', 'star', 'points', 'red_line', 'reason'],
  rating_step_record: ['id', 'round_id', 'step', 'actor_user_id', 'actor_role', 'at', 'note'],
  assessment: [
    'id', 'created_at', 'updated_at', 'version', 'kind', 'period', 'period_start', 'period_end', 'staff_user_id', 'staff_person_id', 'grid_code', 'quantified_items',
    'quantified_score', 'platform_visits', 'platform_cases_found', 'platform_cases_closed', 'platform_cases_closed_on_time', 'platform_satisfied',
    'platform_basically_satisfied', 'platform_unsatisfied', 'platform_score', 'votes_satisfied', 'votes_basically_satisfied', 'votes_unsatisfied',
    'democratic_score', 'weight_quantified', 'weight_platform', 'weight_democratic', 'total_score', 'assessed_by', 'completed_at', 'note',
  ],
  staff_activity_day: ['user_id', 'grid_code', 'day', 'visits', 'cases_found', 'cases_closed', 'cases_closed_on_time'],
  grid_satisfaction_day: ['grid_code', 'day', 'satisfied', 'basically_satisfied', 'unsatisfied'],
  case_projection: ['case_id', 'grid_code', 'grid_worker_user_id', 'overdue', 'resolved_day', 'resolution_credits', 'resolved_on_time', 'rating', 'rated_day'],
} as const;
type Table = keyof typeof COLUMNS;

/** Rough rows per person and per case, for the progress display until the real counts are known. */
const EXPECTED: Record<Table, (persons: number, cases: number) => number> = {
  party_member_rating: (persons) => persons * 0.05 * 3,
  rating_round: (persons) => persons * 0.05 * 11,
  rating_entry: (persons) => persons * 0.05 * 11 * 3,
  rating_step_record: (persons) => persons * 0.05 * 11 * 5,
  assessment: (persons) => persons / 125,
  staff_activity_day: (_, cases) => cases * 1.2,
  grid_satisfaction_day: (_, cases) => cases * 0.5,
  case_projection: (_, cases) => cases,
};

/** The items of quantified scoring on a year-end sheet (as the demo's). */
const ITEMS = [
  { name: '信息采集与台账管理', maxPoints: 20 },
  { name: '巡查走访', maxPoints: 30 },
  { name: '矛盾纠纷排查化解', maxPoints: 25 },
  { name: '政策宣传与便民服务', maxPoints: 25 },
];
const YEAR_END = 'TOWNSHIP_YEAR_END';

export async function loadAssessments(context: LoadContext): Promise<void> {
  const { plan, ids, connection } = context;
  const sinks = Object.fromEntries(
    (Object.keys(COLUMNS) as Table[]).map((table) => [table, context.sink('assessments', table, COLUMNS[table], Math.round(EXPECTED[table](plan.size.persons, plan.size.cases)))]),
  ) as Record<Table, CopySink>;
  const write = (table: Table, rows: readonly Row[]) => writeRows(sinks[table], COLUMNS[table], rows);
  const counters = new Map<string, number>();
  const newId = (kind: string) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return ids.generic(kind, n);
  };
  const actors = {
    villageAdmin: (gridCode: string) => ids.actorAt(HandlingLevel.VILLAGE, gridCode, null).userId,
    townshipAdmin: (gridCode: string) => ids.actorAt(HandlingLevel.TOWNSHIP, gridCode, null).userId,
    gridLeader: (gridCode: string) => ids.gridLeaderUserId(gridCode),
  };
  const rules: StarRules = {
    scoreStars: scoreStars as StarRules['scoreStars'],
    combineSheets: combineSheets as StarRules['combineSheets'],
    yearlyOutcome: yearlyOutcome as StarRules['yearlyOutcome'],
    isDecided: isDecided as StarRules['isDecided'],
    stepOrder: STEP_ORDER,
    sheetRules: SHEET_RULES,
  };
  const since = context.since.getTime();
  const asOf = context.asOf.getTime();

  // Star ratings, member by member.
  const members = streamRows(
    connection,
    databaseName('people'),
    `select p.id, p.grid_code, m.type, m.joined_on from party_membership m join person p on p.id = m.person_id order by p.grid_code, p.id`,
  );
  let rated = 0;
  for await (const [personId, gridCode, memberType, joinedOn] of members) {
    const rows: MemberRatingRows = rateMember({ personId: personId!, gridCode: gridCode!, memberType: memberType!, joinedOn }, { seed: context.seed, since, asOf, rules, actors, newId });
    for (const table of Object.keys(rows) as Array<keyof MemberRatingRows>) write(table, rows[table]);
    if (++rated % 500 === 0) await Promise.all(Object.values(sinks).map((sink) => sink.ready()));
  }

  // Projections and year-end assessments, grid by grid.
  const history = new KeyedRuns(
    streamRows(
      connection,
      databaseName('cases'),
      `select c.grid_code, h.case_id, h.action, h.actor_user_id, (extract(epoch from h.at) * 1000)::bigint, split_part(h.note, ' ', 1), c.source,
              (extract(epoch from c.due_at) * 1000)::bigint
         from case_history h join "case" c on c.id = h.case_id
        where h.action in (${COUNTED_ACTIONS.map((action) => `'${action}'`).join(', ')})
        order by c.grid_code, h.case_id, h.seq`,
      ['work_mem = \'256MB\''],
    ),
    (row) => row[0]!,
  );
  const years = assessedYears(since, asOf);
  for (const grid of plan.grids) {
    const projection = new GridProjection(applyCaseEvent, CaseEventTypes);
    let caseRows: HistoryRow[] = [];
    for (const [gridCode, caseId, action, actor, at, noteHead, source, dueAt] of await history.take(grid.code)) {
      if (caseRows.length > 0 && caseRows[0].caseId !== caseId) {
        projection.addCase(caseRows);
        caseRows = [];
      }
      caseRows.push({ caseId: caseId!, action: action!, actor: actor!, at: Number(at), noteHead, gridCode: gridCode!, source: source!, dueAt: dueAt === null ? null : Number(dueAt) });
    }
    if (caseRows.length > 0) projection.addCase(caseRows);
    write(
      'staff_activity_day',
      projection.activityRows().map((row) => ({ user_id: row.userId, grid_code: row.gridCode, day: row.day, visits: row.visits, cases_found: row.casesFound, cases_closed: row.casesClosed, cases_closed_on_time: row.casesClosedOnTime })),
    );
    write(
      'grid_satisfaction_day',
      projection.satisfactionRows().map((row) => ({ grid_code: row.gridCode, day: row.day, satisfied: row.satisfied, basically_satisfied: row.basicallySatisfied, unsatisfied: row.unsatisfied })),
    );
    write(
      'case_projection',
      projection.cases.map(({ caseId, state }) => ({
        case_id: caseId,
        grid_code: state.gridCode,
        grid_worker_user_id: state.gridWorkerUserId,
        overdue: state.overdue,
        resolved_day: state.resolution?.day ?? null,
        resolution_credits: state.resolution?.credits ?? [],
        resolved_on_time: state.resolution?.onTime ?? false,
        rating: state.rating?.value ?? null,
        rated_day: state.rating?.day ?? null,
      })),
    );
    write('assessment', yearEndAssessments(context, grid, projection, years, actors.townshipAdmin(grid.code), newId));
    await Promise.all(Object.values(sinks).map((sink) => sink.ready()));
  }
  await history.finish();
  for (const sink of Object.values(sinks)) context.reporter.expect(sink, sink.rows);
  await Promise.all(Object.values(sinks).map((sink) => sink.end()));
}

/** Whole years inside the period whose year-end assessment (early January) is done by the as-of day. */
function assessedYears(since: number, asOf: number): Array<{ year: number; completedAt: number }> {
  const years: Array<{ year: number; completedAt: number }> = [];
  for (let year = Number(chinaDay(new Date(since)).slice(0, 4)); ; year += 1) {
    const first = Date.parse(`${year}-01-01T00:00:00+08:00`);
    const completedAt = Date.parse(`${year + 1}-01-0${5 + (year % 3)}T10:00:00+08:00`);
    if (completedAt >= asOf) return years;
    if (first >= since) years.push({ year, completedAt });
  }
}

/**
 * The leader's and the full-time worker's TOWNSHIP_YEAR_END assessment, as AssessmentService.complete
 * computes it: quantified items entered by the township, the residents' votes, platform counts summed
 * from the grid's projections over the year's Beijing days, default weights (no weights are set at scale).
 */
function yearEndAssessments(
  context: LoadContext,
  grid: GridPlan,
  projection: GridProjection,
  years: ReadonlyArray<{ year: number; completedAt: number }>,
  assessor: string,
  newId: (kind: string) => string,
): Row[] {
  const weights = DEFAULT_WEIGHTS[YEAR_END as keyof typeof DEFAULT_WEIGHTS];
  const staff = gridTeam(context.seed, context.ids, grid).staff.filter((member) => (member.role === 'LEADER' || member.role === 'FULL_TIME') && member.userId);
  return years.flatMap(({ year, completedAt }) =>
    staff.map((member): Row => {
      const random = randomStream(context.seed, `assessment:${member.userId}:${year}`);
      const diligence = 0.55 + 0.45 * random.next();
      const period = periodOf(YEAR_END as Parameters<typeof periodOf>[0], String(year));
      const counts = projection.counts(member.userId!, period.first, period.last);
      const platform = platformScore(counts, period.days);
      const share = () => Math.min(1, 0.6 + 0.3 * diligence + 0.1 * random.next());
      const items = ITEMS.map((item) => ({ ...item, points: Math.round(item.maxPoints * share() * 2) / 2 }));
      const voters = 30 + random.int(0, 19);
      const unsatisfied = random.int(0, 2);
      const satisfied = Math.round((voters - unsatisfied) * Math.min(0.95, 0.5 + 0.45 * diligence));
      const votes = { satisfied, basicallySatisfied: voters - unsatisfied - satisfied, unsatisfied };
      const quantified = quantifiedScore(items);
      const democratic = voteScore(votes);
      const at = new Date(completedAt);
      return {
        id: newId('assessment'),
        created_at: at,
        updated_at: at,
        version: 1,
        kind: YEAR_END,
        period: period.period,
        period_start: period.first,
        period_end: period.last,
        staff_user_id: member.userId,
        staff_person_id: context.ids.staffPerson(grid.code, member.position),
        grid_code: grid.code,
        quantified_items: JSON.stringify(items.map(({ name, points, maxPoints }) => ({ name, points, maxPoints }))),
        quantified_score: quantified,
        platform_visits: counts.visits,
        platform_cases_found: counts.casesFound,
        platform_cases_closed: counts.casesClosed,
        platform_cases_closed_on_time: counts.casesClosedOnTime,
        platform_satisfied: counts.satisfied,
        platform_basically_satisfied: counts.basicallySatisfied,
        platform_unsatisfied: counts.unsatisfied,
        platform_score: platform,
        votes_satisfied: votes.satisfied,
        votes_basically_satisfied: votes.basicallySatisfied,
        votes_unsatisfied: votes.unsatisfied,
        democratic_score: democratic,
        weight_quantified: weights.quantified,
        weight_platform: weights.platform,
        weight_democratic: weights.democratic,
        total_score: totalScore({ quantified, platform, democratic }, weights),
        assessed_by: assessor,
        completed_at: at,
        note: null,
      };
    }),
  );
}
