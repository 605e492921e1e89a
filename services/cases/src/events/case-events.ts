import type { CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating, RatingMethod } from '../case/case-enums.js';

/** Subjects this service publishes (cases.<entity>.<event>); every case event's areaCode is the grid code. */
export const CaseEvents = {
  REPORTED: 'cases.case.reported',
  VERIFIED: 'cases.case.verified',
  RETURNED: 'cases.case.returned',
  SCHEDULED: 'cases.case.scheduled',
  ESCALATED: 'cases.case.escalated',
  DISPATCHED: 'cases.case.dispatched',
  ACCEPTED: 'cases.case.accepted',
  SENT_BACK: 'cases.case.sent_back',
  RESOLVED: 'cases.case.resolved',
  FED_BACK: 'cases.case.fed_back',
  RATED: 'cases.case.rated',
  REOPENED: 'cases.case.reopened',
  MERGED: 'cases.case.merged',
  /**
   * A case's current state for the copies other services keep (people's need-to-know of departments),
   * with no step behind it: the demo seed writes its cases directly and publishes one per case a
   * department holds. Installations do not need it: a new consumer is delivered the whole CASES stream.
   */
  SNAPSHOT: 'cases.case.snapshot',
  RECLASSIFIED: 'cases.case.reclassified',
  OVERDUE: 'cases.case.overdue',
  /** §8.1: a holder ran over its stage limit (charged to it in assessments' platform statistics). */
  STAGE_OVERRUN: 'cases.case.stage_overrun',
  /** §8.2: a reviewer closed a case reopened by an unsatisfied rating, with a reason. */
  UNSATISFIED_CLOSED: 'cases.case.unsatisfied_closed',
  DEADLINE_WARNING: 'cases.case.deadline_warning',
  SUPERVISED: 'cases.case.supervised',
  SUPERVISION_REPLIED: 'cases.supervision.replied',
  HOTLINE_STATUS_CHANGED: 'cases.hotline.status_changed',
  EMERGENCY_DECLARED: 'cases.emergency.declared',
  EMERGENCY_MEMBER_NOTIFIED: 'cases.emergency.member_notified',
  EMERGENCY_CLOSED: 'cases.emergency.closed',
} as const;
export type CaseEventType = (typeof CaseEvents)[keyof typeof CaseEvents];

/** The common part of every case event. */
export interface CaseEventData {
  caseId: string;
  number: string;
  gridCode: string;
  category: string;
  class: CaseClass;
  source: CaseSource;
  status: CaseStatus;
  level: HandlingLevel;
  /** Null when reported anonymously or with no person on file. */
  reporterPersonId: string | null;
  /** Who caused it: a user id, or 'system'. */
  actor: string;
  fromStatus?: CaseStatus | null;
  fromLevel?: HandlingLevel | null;
  assigneeUserId?: string | null;
  assigneeDepartmentCode?: string | null;
  dueAt?: string | null;
  note?: string | null;
  rating?: Rating;
  /** §8.2: how the rating was collected, and whether staff entered it for the resident. */
  ratingMethod?: RatingMethod | null;
  ratingByProxy?: boolean;
  /** §8.1 (stage_overrun): the holder that ran over and its stage. */
  stageLevel?: HandlingLevel;
  stageStartedAt?: string;
  stageDueAt?: string;
  holderUserId?: string | null;
  holderDepartmentCode?: string | null;
  hotlineOrderNumber?: string | null;
  hazardId?: string | null;
  mergedIntoId?: string;
}

/** `grids.hazard.reported`, consumed to open a case (DOMAIN.md §2: hazard reports). */
export interface HazardReportedData {
  hazardId: string;
  gridCode: string;
  keyPlaceId?: string | null;
  description: string;
  severity: string;
  category: string;
  reportedBy: string;
  reportedAt: string;
}

export const HAZARD_REPORTED_SUBJECT = 'grids.hazard.reported';

/** grids.case-report.submitted (issue 17): a case found in the field, sent with syncFieldWork. */
export const CASE_REPORT_SUBMITTED_SUBJECT = 'grids.case-report.submitted';

/** What grids sends; `caseId` is derived from the reporter and the item's idempotencyKey (reportCase gives the same id). */
export interface CaseReportSubmittedData {
  caseId: string;
  idempotencyKey: string;
  reportedBy: string;
  gridCode: string;
  title: string;
  description: string;
  categoryCode: string;
  serviceKind: string;
  caseClass: string;
  location: { longitude: number | null; latitude: number | null; address: string | null } | null;
  reportedAt: string;
}

/** `grids.grid.created` and `grids.grid.updated`: the fields cases keeps (grid-names/). */
export interface GridEventData {
  code: string;
  name: string;
  version: number;
}

export const GRID_EVENTS_SUBJECT = 'grids.grid.*';
