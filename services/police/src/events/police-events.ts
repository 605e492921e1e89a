/** Subjects this service publishes (police.<entity>.<event>); every event's areaCode is the grid code. */
export const PoliceEvents = {
  OFFICER_ASSIGNED: 'police.officer.assigned',
  OFFICER_UPDATED: 'police.officer.updated',
  PATROL_RECORDED: 'police.patrol.recorded',
} as const;

/** No phone number: consumers learn who holds a grid, not how to call them. */
export interface OfficerAssignedData {
  officerId: string;
  gridCode: string;
  name: string;
  badgeNumber: string;
  policeStation: string;
  assignedFrom: string;
  /** The posting this one replaced (now ended at assignedFrom), if any. */
  previousOfficerId: string | null;
}

export interface OfficerUpdatedData {
  officerId: string;
  gridCode: string;
  name: string;
  badgeNumber: string;
  policeStation: string;
  version: number;
}

/** No route or findings text: they stay in this service. */
export interface PatrolRecordedData {
  patrolId: string;
  gridCode: string;
  officerId: string | null;
  patrolledAt: string;
  recordedBy: string;
}
