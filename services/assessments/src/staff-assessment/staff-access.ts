import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { AssessmentKind, TrainingKind } from './assessment-enums.js';

/**
 * Who may do what with grid staff assessments and trainings (pure rules; scope is also applied in
 * the queries). County admins may do everything in their county.
 */

/** Who completes each of the five assessments: the level that runs it, and the levels above. */
export const ASSESSORS: Record<AssessmentKind, readonly Role[]> = {
  [AssessmentKind.GRID_MONTHLY]: [Role.GRID_LEADER, Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN],
  [AssessmentKind.VILLAGE_QUARTERLY]: [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN],
  [AssessmentKind.TOWNSHIP_HALF_YEARLY]: [Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN],
  // The village organises the residents' and members' vote; the township may record it too.
  [AssessmentKind.DEMOCRATIC_HALF_YEARLY]: [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN],
  [AssessmentKind.TOWNSHIP_YEAR_END]: [Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN],
};

export const ALL_ASSESSORS: readonly Role[] = [...new Set(Object.values(ASSESSORS).flat())];

/** Who sets weights: the county for the county, a township for itself. */
export const WEIGHT_SETTERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN];

/** Trainings are recorded by admins; the grid leader records the mentoring in their grid. */
export const TRAINING_RECORDERS: readonly Role[] = [Role.GRID_LEADER, Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN];

/** Who reads the assessments and trainings of their area; others (grid workers) read their own. */
export const STAFF_RECORD_READERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.AUDITOR];

/** Who may query assessments, trainings and platform statistics at all: the readers, and grid workers for their own. */
export const STAFF_RECORD_QUERIERS: readonly Role[] = [...STAFF_RECORD_READERS, Role.GRID_WORKER];

/** Rankings are published to the grid staff as well (inside their own area). */
export const RANKING_READERS: readonly Role[] = STAFF_RECORD_QUERIERS;

export function mayAssess(user: AuthUser, kind: AssessmentKind, gridCode: string, staffUserId: string): boolean {
  return user.sub !== staffUserId && isInScope(user, gridCode) && user.roles.some((role) => ASSESSORS[kind].includes(role));
}

export function mayRecordTraining(user: AuthUser, kind: TrainingKind, gridCode: string): boolean {
  if (!isInScope(user, gridCode)) return false;
  if (user.roles.some((role) => role === Role.VILLAGE_ADMIN || role === Role.TOWNSHIP_ADMIN || role === Role.COUNTY_ADMIN)) return true;
  return kind === TrainingKind.MENTORING && user.roles.includes(Role.GRID_LEADER);
}

export function readsAreaStaffRecords(user: AuthUser): boolean {
  return user.roles.some((role) => STAFF_RECORD_READERS.includes(role));
}

export function mayReadStaffRecord(user: AuthUser, record: { staffUserId: string; areaCode: string }): boolean {
  return record.staffUserId === user.sub || (readsAreaStaffRecords(user) && isInScope(user, record.areaCode));
}
