/**
 * Events this service consumes, as their publishers define them (services/grids/src/events,
 * services/cases/src/events), reduced to the fields read here. Copied, not imported: services talk
 * through events and the graph only.
 */
export const CONSUMED_SUBJECTS = {
  VISIT_RECORDED: 'grids.visit.recorded',
  /** §8.3: care slots left undone, per covering worker. */
  CARE_OVERDUE: 'grids.care.overdue',
  /** Every case event; the consumer reads reported, verified, overdue, resolved, rated and reopened. */
  CASE_EVENTS: 'cases.case.*',
} as const;

export const CaseEventTypes = {
  REPORTED: 'cases.case.reported',
  VERIFIED: 'cases.case.verified',
  OVERDUE: 'cases.case.overdue',
  RESOLVED: 'cases.case.resolved',
  RATED: 'cases.case.rated',
  REOPENED: 'cases.case.reopened',
  /** §8.1: a holder ran over its stage limit; charged to that holder. */
  STAGE_OVERRUN: 'cases.case.stage_overrun',
} as const;

/** grids.visit.recorded (VisitRecordedData). */
export interface VisitRecordedData {
  visitId: string;
  gridCode: string;
  staffId: string;
  staffUserId: string | null;
  householdId: string;
  visitedAt: string;
}

/** The common part of every case event (CaseEventData), as far as it is read here. */
export interface CaseEventData {
  caseId: string;
  gridCode: string;
  source: string;
  status: string;
  level: string;
  /** Who caused it: a user id, or 'system'. */
  actor: string;
  dueAt?: string | null;
  rating?: 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED';
  /** §8.2: entered by staff at a return visit (the event's actor) rather than by the resident. */
  ratingByProxy?: boolean;
  /** §8.1 (stage_overrun): the user holding the case at the stage that ran over, if one had taken it. */
  holderUserId?: string | null;
}

/** Sources where the reporting user found the case on their rounds (the cases service counts the same). */
export const FOUND_BY_STAFF_SOURCES: readonly string[] = ['GRID_PATROL', 'HAZARD_EVENT'];

/** grids.care.overdue (CareOverdueData in services/grids/src/events/grid-events.ts), the fields read here. */
export interface CareOverdueData {
  gridCode: string;
  staffUserId: string | null;
  slots: Array<{ slotId: string; dueDate: string }>;
}
