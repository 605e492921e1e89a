import { hasAnyRole, isInScope, Role, type AuthUser } from '@lianxin/auth';
import { PublicNoticeStatus } from './public-notice.enums.js';

/**
 * Who may do what with public notices (DOMAIN.md §8.5; issue 15), in one place:
 * - read: the admins, grid staff and auditors whose area holds the notice's village; and, while the
 *   notice is OPEN (its notice period, until the committee makes it final), the village's residents
 *   and the branch's members (volunteer accounts of the village) — today's star-rating readers plus
 *   the people the result concerns;
 * - object (异议): a resident or member of the village, while the period runs;
 * - answer an objection, make the result final, put a leaderboard on notice: the committee — village
 *   admin, township admin or county admin whose area holds the notice — never the objector;
 * - objections' text and answers: the committee, staff readers, auditors, and the objector's own.
 * - at most MAX_OPEN_OBJECTIONS_PER_PERSON unanswered objections per person and notice: a result is final
 *   only when every objection is answered, so one account filing without end could hold every result of
 *   its village open (the limit is not in DOMAIN.md §8.5; it is ours, against that abuse). An answered
 *   objection frees its place: a person may always object again after an answer.
 */
export const MAX_OPEN_OBJECTIONS_PER_PERSON = 3;
export const NOTICE_COMMITTEE_ROLES: readonly Role[] = [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN];
export const NOTICE_STAFF_READERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER, Role.AUDITOR];
export const NOTICE_PUBLIC_READERS: readonly Role[] = [Role.RESIDENT, Role.VOLUNTEER];
export const NOTICE_READERS: readonly Role[] = [...NOTICE_STAFF_READERS, ...NOTICE_PUBLIC_READERS];

export interface NoticeScope {
  villageCode: string;
  status: PublicNoticeStatus;
}

/** Staff whose area holds the village, or grid staff inside it. */
export function readsAsStaff(user: AuthUser, villageCode: string): boolean {
  return hasAnyRole(user, NOTICE_STAFF_READERS) && (isInScope(user, villageCode) || user.areaCode.startsWith(villageCode));
}

/** A resident or member living in the village. */
export function isOfVillage(user: AuthUser, villageCode: string): boolean {
  return hasAnyRole(user, NOTICE_PUBLIC_READERS) && user.areaCode.startsWith(villageCode);
}

export function mayReadNotice(user: AuthUser, notice: NoticeScope): boolean {
  if (readsAsStaff(user, notice.villageCode)) return true;
  return notice.status === PublicNoticeStatus.OPEN && isOfVillage(user, notice.villageCode);
}

export function isCommittee(user: AuthUser, areaCode: string): boolean {
  return hasAnyRole(user, NOTICE_COMMITTEE_ROLES) && isInScope(user, areaCode);
}
