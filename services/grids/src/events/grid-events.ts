/** Subjects this service publishes (grids.<entity>.<event>); every event's areaCode is the grid code. */
export const GridEvents = {
  GRID_CREATED: 'grids.grid.created',
  GRID_UPDATED: 'grids.grid.updated',
  STAFF_ASSIGNED: 'grids.staff.assigned',
  STAFF_ENDED: 'grids.staff.ended',
  HOUSEHOLD_ASSIGNED: 'grids.household.assigned',
  VISIT_RECORDED: 'grids.visit.recorded',
  PATROL_RECORDED: 'grids.patrol.recorded',
  HAZARD_REPORTED: 'grids.hazard.reported',
  /** A case found in the field and sent with syncFieldWork; cases creates it with `caseId` (issue 17). */
  CASE_REPORT_SUBMITTED: 'grids.case-report.submitted',
  CARE_RECORDED: 'grids.care.recorded',
  CARE_OVERDUE: 'grids.care.overdue',
} as const;

export interface GridEventData {
  code: string;
  name: string;
  kind: string;
  villageCode: string;
  householdCount: number | null;
  partyOrganizationId: string | null;
  version: number;
}

export interface StaffAssignedData {
  staffId: string;
  gridCode: string;
  microGridCode: string | null;
  role: string;
  personId: string;
  userId: string | null;
  name: string;
  startedAt: string;
}

export interface StaffEndedData {
  staffId: string;
  gridCode: string;
  role: string;
  personId: string;
  endedAt: string;
  releasedHouseholds: number;
}

export interface HouseholdAssignedData {
  householdId: string;
  staffId: string;
  gridCode: string;
  previousStaffId: string | null;
  assignedAt: string;
}

/** No diary text: consumers (assessments) count visits; the notes stay in this service. */
export interface VisitRecordedData {
  visitId: string;
  gridCode: string;
  staffId: string;
  staffUserId: string | null;
  householdId: string;
  visitedAt: string;
}

export interface PatrolRecordedData {
  patrolId: string;
  gridCode: string;
  keyPlaceId: string;
  staffId: string;
  staffUserId: string | null;
  hazardCount: number;
  patrolledAt: string;
}

/** Consumed by cases, which turns a reported hazard into a case. */
/** grids.case-report.submitted: `caseId` is derived from the reporter and the item's idempotencyKey. */
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

export interface HazardReportedData {
  hazardId: string;
  gridCode: string;
  keyPlaceId?: string;
  description: string;
  severity: string;
  category: string;
  reportedBy: string;
  reportedAt: string;
}

/** grids.care.recorded (§8.3): care given to a household; `slotId` when it fulfilled a slot. */
export interface CareRecordedData {
  recordId: string;
  gridCode: string;
  staffId: string;
  staffUserId: string | null;
  householdId: string;
  kind: string;
  doneAt: string;
  slotId: string | null;
  outsideGrid: boolean | null;
}

/**
 * grids.care.overdue (§8.3): care slots whose last day passed undone, per worker who covers the
 * households (staffId null: households nobody covers). One event per worker and scheduler run; cases'
 * warnings turn it into a warning to the grid leader (level GRID, areaCode = gridCode).
 */
export interface CareOverdueData {
  gridCode: string;
  staffId: string | null;
  staffUserId: string | null;
  staffName: string | null;
  slots: Array<{ slotId: string; householdId: string; kind: string; dueDate: string }>;
}
