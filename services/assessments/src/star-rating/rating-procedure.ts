import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { RatingRoundStatus, RatingStep } from './star-rating-enums.js';

/**
 * The procedure "三评一定一公示" of a quarterly round and who may do what in it (pure rules; the
 * service applies them). Steps go strictly in order, each once.
 */
export const STEP_ORDER: readonly RatingStep[] = [
  RatingStep.SELF_RATED,
  RatingStep.BRANCH_COMMITTEE_RATED,
  RatingStep.PARTY_COMMITTEE_REVIEWED,
  RatingStep.ASSEMBLY_DECIDED,
  RatingStep.PUBLICLY_NOTIFIED,
];

/** The step that may follow a round's status, or null once it is complete. */
export function expectedNextStep(status: RatingRoundStatus): RatingStep | null {
  if (status === RatingRoundStatus.OPENED) return STEP_ORDER[0];
  return STEP_ORDER[STEP_ORDER.indexOf(status as unknown as RatingStep) + 1] ?? null;
}

/** A round counts for the year once the members' assembly has decided it. */
export function isDecided(status: RatingRoundStatus): boolean {
  return status === RatingRoundStatus.ASSEMBLY_DECIDED || status === RatingRoundStatus.PUBLICLY_NOTIFIED;
}

/**
 * Which steps hand in a rating sheet (entries and red lines): the self-rating and the branch
 * committee's first rating must; the review and the assembly may revise it (or confirm the last one
 * by giving none); the public notice only publishes.
 */
export enum SheetRule {
  REQUIRED = 'REQUIRED',
  OPTIONAL = 'OPTIONAL',
  NOT_ALLOWED = 'NOT_ALLOWED',
}

export const SHEET_RULES: Record<RatingStep, SheetRule> = {
  [RatingStep.SELF_RATED]: SheetRule.REQUIRED,
  [RatingStep.BRANCH_COMMITTEE_RATED]: SheetRule.REQUIRED,
  [RatingStep.PARTY_COMMITTEE_REVIEWED]: SheetRule.OPTIONAL,
  [RatingStep.ASSEMBLY_DECIDED]: SheetRule.OPTIONAL,
  [RatingStep.PUBLICLY_NOTIFIED]: SheetRule.NOT_ALLOWED,
};

/** The member's side of a round. */
export interface RoundParties {
  areaCode: string;
  memberUserId: string | null;
}

export const MEMBER_ROLE = 'member';

/** Who acts for the party organizations at each step (county admins may act at every step). */
const COMMITTEE_ROLES: Record<Exclude<RatingStep, RatingStep.SELF_RATED>, readonly Role[]> = {
  // The branch committee: the grid leader or the village (community) admin of the member's area.
  [RatingStep.BRANCH_COMMITTEE_RATED]: [Role.GRID_LEADER, Role.VILLAGE_ADMIN],
  // The party committee: the township.
  [RatingStep.PARTY_COMMITTEE_REVIEWED]: [Role.TOWNSHIP_ADMIN],
  [RatingStep.ASSEMBLY_DECIDED]: [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN],
  [RatingStep.PUBLICLY_NOTIFIED]: [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN],
};

function committeeRole(user: AuthUser, roles: readonly Role[], round: RoundParties): string | null {
  if (!isInScope(user, round.areaCode)) return null;
  return [...roles, Role.COUNTY_ADMIN].find((role) => user.roles.includes(role)) ?? null;
}

/**
 * The role in which `user` may record `step` on the round, or null if they may not. The member
 * self-rates; a member without an account is self-rated on their behalf by the branch committee
 * (the step log shows who). Nobody records a committee step on their own round.
 */
export function roleForStep(user: AuthUser, step: RatingStep, round: RoundParties): string | null {
  const isMember = round.memberUserId !== null && round.memberUserId === user.sub;
  if (step === RatingStep.SELF_RATED) {
    if (isMember) return MEMBER_ROLE;
    return round.memberUserId === null ? committeeRole(user, COMMITTEE_ROLES[RatingStep.BRANCH_COMMITTEE_RATED], round) : null;
  }
  if (isMember) return null;
  return committeeRole(user, COMMITTEE_ROLES[step], round);
}

/** Who opens rounds: the branch committee and above, in their area. */
export const ROUND_OPENERS: readonly Role[] = [Role.GRID_LEADER, Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN];

/** Who decides the measure for a one-star member: the party committee (township) or the county. */
export const MEASURE_DECIDERS: readonly Role[] = [Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN];

/**
 * Who reads star ratings of their area: the admins of the member's area and above, the branch
 * committee's grid leader, and auditors. Everyone else (other residents, volunteers, grid workers,
 * department staff) reads only their own.
 */
export const RATING_AREA_READERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.AUDITOR];

export function readsAreaRatings(user: AuthUser): boolean {
  return user.roles.some((role) => RATING_AREA_READERS.includes(role));
}

export function mayReadRating(user: AuthUser, rating: RoundParties): boolean {
  if (rating.memberUserId !== null && rating.memberUserId === user.sub) return true;
  return readsAreaRatings(user) && isInScope(user, rating.areaCode);
}
