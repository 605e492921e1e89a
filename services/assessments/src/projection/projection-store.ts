import type { EntityManager } from '@mikro-orm/postgresql';
import type { PlatformCounts } from '../staff-assessment/assessment-scoring.js';
import type { ActivityDelta, CaseState, SatisfactionDelta } from './case-activity.js';
import { CaseProjection } from './projection.entities.js';

/**
 * Reads and writes the projection tables. Deltas are added with one upsert per row, inside the
 * caller's transaction (a consumer's, together with its processed_event row).
 */
export async function addActivity(em: EntityManager, rows: readonly ActivityDelta[]): Promise<void> {
  for (const row of rows) {
    await em.execute(
      `insert into staff_activity_day (user_id, grid_code, day, visits, cases_found, cases_closed, cases_closed_on_time, stage_overruns, care_missed)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (user_id, grid_code, day) do update set
         visits = staff_activity_day.visits + excluded.visits,
         cases_found = staff_activity_day.cases_found + excluded.cases_found,
         cases_closed = staff_activity_day.cases_closed + excluded.cases_closed,
         cases_closed_on_time = staff_activity_day.cases_closed_on_time + excluded.cases_closed_on_time,
         stage_overruns = staff_activity_day.stage_overruns + excluded.stage_overruns,
         care_missed = staff_activity_day.care_missed + excluded.care_missed`,
      [row.userId, row.gridCode, row.day, row.visits, row.casesFound, row.casesClosed, row.casesClosedOnTime, row.stageOverruns ?? 0, row.careMissed ?? 0],
      'run',
    );
  }
}

export async function addSatisfaction(em: EntityManager, rows: readonly SatisfactionDelta[]): Promise<void> {
  for (const row of rows) {
    await em.execute(
      `insert into grid_satisfaction_day (grid_code, day, satisfied, basically_satisfied, unsatisfied)
       values (?, ?, ?, ?, ?)
       on conflict (grid_code, day) do update set
         satisfied = grid_satisfaction_day.satisfied + excluded.satisfied,
         basically_satisfied = grid_satisfaction_day.basically_satisfied + excluded.basically_satisfied,
         unsatisfied = grid_satisfaction_day.unsatisfied + excluded.unsatisfied`,
      [row.gridCode, row.day, row.satisfied, row.basicallySatisfied, row.unsatisfied],
      'run',
    );
    if (!row.enteredBy) continue;
    // §8.2: the ratings a staff member entered, so their own score can leave them out.
    await em.execute(
      `insert into staff_entered_rating_day (user_id, grid_code, day, satisfied, basically_satisfied, unsatisfied)
       values (?, ?, ?, ?, ?, ?)
       on conflict (user_id, grid_code, day) do update set
         satisfied = staff_entered_rating_day.satisfied + excluded.satisfied,
         basically_satisfied = staff_entered_rating_day.basically_satisfied + excluded.basically_satisfied,
         unsatisfied = staff_entered_rating_day.unsatisfied + excluded.unsatisfied`,
      [row.enteredBy, row.gridCode, row.day, row.satisfied, row.basicallySatisfied, row.unsatisfied],
      'run',
    );
  }
}

export async function loadCaseState(em: EntityManager, caseId: string): Promise<CaseState | null> {
  const row = await em.findOne(CaseProjection, { caseId });
  if (!row) return null;
  return {
    gridCode: row.gridCode,
    gridWorkerUserId: row.gridWorkerUserId,
    overdue: row.overdue,
    reopened: row.reopened,
    resolution: row.resolvedDay ? { day: row.resolvedDay, credits: row.resolutionCredits, onTime: row.resolvedOnTime } : null,
    rating: row.rating && row.ratedDay ? { value: row.rating, day: row.ratedDay, enteredBy: row.ratingEnteredBy } : null,
  };
}

export async function saveCaseState(em: EntityManager, caseId: string, state: CaseState): Promise<void> {
  const values = {
    gridCode: state.gridCode,
    gridWorkerUserId: state.gridWorkerUserId,
    overdue: state.overdue,
    reopened: state.reopened ?? false,
    resolvedDay: state.resolution?.day ?? null,
    resolutionCredits: state.resolution?.credits ?? [],
    resolvedOnTime: state.resolution?.onTime ?? false,
    rating: state.rating?.value ?? null,
    ratedDay: state.rating?.day ?? null,
    ratingEnteredBy: state.rating?.enteredBy ?? null,
  };
  const row = await em.findOne(CaseProjection, { caseId });
  if (row) Object.assign(row, values);
  else em.persist(em.create(CaseProjection, { caseId, ...values }));
  await em.flush();
}

/** The platform counts of one staff member in one grid over [first, last] (Beijing days, inclusive). */
export async function platformCounts(em: EntityManager, userId: string, gridCode: string, first: string, last: string): Promise<PlatformCounts> {
  const [activity] = await em.execute<Array<Record<string, string | null>>>(
    `select coalesce(sum(visits), 0) as visits, coalesce(sum(cases_found), 0) as found,
            coalesce(sum(cases_closed), 0) as closed, coalesce(sum(cases_closed_on_time), 0) as on_time,
            coalesce(sum(stage_overruns), 0) as stage_overruns, coalesce(sum(care_missed), 0) as care_missed
       from staff_activity_day where user_id = ? and grid_code = ? and day between ? and ?`,
    [userId, gridCode, first, last],
  );
  // §8.2: the grid's ratings without those this staff member entered at return visits.
  const [ratings] = await em.execute<Array<Record<string, string | null>>>(
    `select coalesce(sum(satisfied), 0) - (select coalesce(sum(satisfied), 0) from staff_entered_rating_day e where e.user_id = ? and e.grid_code = ? and e.day between ? and ?) as satisfied,
            coalesce(sum(basically_satisfied), 0) - (select coalesce(sum(basically_satisfied), 0) from staff_entered_rating_day e where e.user_id = ? and e.grid_code = ? and e.day between ? and ?) as basically,
            coalesce(sum(unsatisfied), 0) - (select coalesce(sum(unsatisfied), 0) from staff_entered_rating_day e where e.user_id = ? and e.grid_code = ? and e.day between ? and ?) as unsatisfied
       from grid_satisfaction_day where grid_code = ? and day between ? and ?`,
    [...[1, 2, 3].flatMap(() => [userId, gridCode, first, last]), gridCode, first, last],
  );
  return {
    visits: Number(activity.visits),
    casesFound: Number(activity.found),
    casesClosed: Number(activity.closed),
    casesClosedOnTime: Number(activity.on_time),
    stageOverruns: Number(activity.stage_overruns),
    careMissed: Number(activity.care_missed),
    satisfied: Number(ratings.satisfied),
    basicallySatisfied: Number(ratings.basically),
    unsatisfied: Number(ratings.unsatisfied),
  };
}
