/** Subjects this service publishes (volunteers.<entity>.<event>); areaCode is the village or grid code of the record. */
export const VolunteerEvents = {
  ORDER_REQUESTED: 'volunteers.order.requested',
  ORDER_REJECTED: 'volunteers.order.rejected',
  ORDER_PUBLISHED: 'volunteers.order.published',
  ORDER_CLAIMED: 'volunteers.order.claimed',
  ORDER_COMPLETED: 'volunteers.order.completed',
  ORDER_CONFIRMED: 'volunteers.order.confirmed',
  ORDER_EXPIRED: 'volunteers.order.expired',
  ACTIVITY_ATTENDED: 'volunteers.activity.attended',
  POINTS_AWARDED: 'volunteers.points.awarded',
  POINTS_VOIDED: 'volunteers.points.voided',
  POINTS_REDEEMED: 'volunteers.points.redeemed',
} as const;

export interface ServiceOrderEventData {
  orderId: string;
  kind: string;
  areaCode: string;
  status: string;
  deadline: string;
  requesterPersonId: string | null;
  /** The volunteer holding the order (for expired: the one who held it, if any). */
  claimantVolunteerId: string | null;
  claimantPersonId: string | null;
  version: number;
}

export interface ActivityAttendedData {
  activityId: string;
  kind: string;
  areaCode: string;
  volunteerId: string;
  personId: string;
  serviceMinutes: number;
  attendedAt: string;
}

/** points.awarded, points.voided and points.redeemed. */
export interface PointsEventData {
  postingId: string;
  idempotencyKey: string;
  source: string;
  ruleCode: string | null;
  accountId: string;
  accountKind: string;
  personId: string;
  areaCode: string;
  /** Points moved, always positive; awarded adds them, voided and redeemed take them away. */
  points: number;
  balance: number;
  occurredAt: string;
  /** voided: the period; redeemed: the item. */
  period?: string;
  itemId?: string;
  quantity?: number;
}

/** `cases.case.verified` as the cases subgraph publishes it (services/cases/src/events/case-events.ts); only what we read. */
export interface CaseVerifiedData {
  caseId: string;
  gridCode: string;
  source: string;
  reporterPersonId: string | null;
}

export const CASE_VERIFIED_SUBJECT = 'cases.case.verified';
