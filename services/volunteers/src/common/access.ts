import { AREA_ADMIN_ROLES, GRID_STAFF_ROLES, hasAnyRole, isInScope, Role, type AuthUser } from '@lianxin/auth';
import { forbidden } from '@lianxin/graphql';

/**
 * Who may do what in the volunteers subgraph. Scope is always the token's area_code (a prefix);
 * client arguments only narrow it.
 *
 * - Area admins (county, township, village) manage volunteers, teams, orders, activities, points
 *   and the catalogue in their subtree; township and county admins act as "village-admin and above".
 * - Grid staff read their grid, publish orders and organise activities there, collect declarations
 *   (grid leaders) and propose manual awards. Volunteers serve a whole village, so grid staff see
 *   the volunteers of their village (they organise them).
 * - Auditors read their subtree and change nothing.
 * - Volunteers serve their whole village: they see its orders, activities, catalogue and leaderboard
 *   (widened from a grid code to its village), and their own account.
 * - Residents see their own orders and points, and their village's activities, catalogue and leaderboard.
 * - Department staff have no business here.
 */
export const ADMIN_ROLES: Role[] = [...AREA_ADMIN_ROLES];
export const STAFF_ROLES: Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES];
export const STAFF_READ_ROLES: Role[] = [...STAFF_ROLES, Role.AUDITOR];
export const MEMBER_ROLES: Role[] = [Role.VOLUNTEER, Role.RESIDENT];
export const READ_ROLES: Role[] = [...STAFF_READ_ROLES, ...MEMBER_ROLES];

export const VILLAGE_CODE_LENGTH = 12;

/** The village (12 digits) a village, grid or micro-grid code belongs to. */
export function villageOf(areaCode: string): string {
  return areaCode.slice(0, VILLAGE_CODE_LENGTH);
}

export function isStaffReader(user: AuthUser): boolean {
  return hasAnyRole(user, STAFF_READ_ROLES);
}

/**
 * The prefix of the area a user may browse (orders, activities, catalogue): staff and auditors their
 * token's area, volunteers and residents their village; null for anyone else.
 */
export function browsePrefix(user: AuthUser): string | null {
  if (isStaffReader(user)) return user.areaCode;
  if (hasAnyRole(user, MEMBER_ROLES) && user.areaCode.length >= VILLAGE_CODE_LENGTH) return villageOf(user.areaCode);
  return null;
}

export function mayBrowse(user: AuthUser, areaCode: string): boolean {
  const prefix = browsePrefix(user);
  return prefix !== null && areaCode.startsWith(prefix);
}

/** The prefix of the volunteers a staff member or auditor may see; null for everyone else. */
export function volunteerPrefix(user: AuthUser): string | null {
  if (hasAnyRole(user, [...ADMIN_ROLES, Role.AUDITOR])) return user.areaCode;
  if (hasAnyRole(user, GRID_STAFF_ROLES)) return villageOf(user.areaCode);
  return null;
}

/** Area admins in scope: register volunteers, teams, double reports, catalogue items, vetoes, approvals. */
export function mayManage(user: AuthUser, areaCode: string): boolean {
  return hasAnyRole(user, ADMIN_ROLES) && isInScope(user, areaCode);
}

export function assertMayManage(user: AuthUser, areaCode: string, what: string): void {
  if (!hasAnyRole(user, ADMIN_ROLES)) throw forbidden(`only area admins may ${what}`);
  if (!isInScope(user, areaCode)) throw forbidden(`area ${areaCode} is outside your area ${user.areaCode}`);
}

/** The community (village admins and above, grid staff in their grid): publish orders, organise activities. */
export function assertCommunityStaff(user: AuthUser, areaCode: string, what: string): void {
  if (!hasAnyRole(user, STAFF_ROLES)) throw forbidden(`only area admins and grid staff may ${what}`);
  if (!isInScope(user, areaCode)) throw forbidden(`area ${areaCode} is outside your area ${user.areaCode}`);
}

/** Staff and auditors in scope read everything about an area's records. */
export function mayReadAsStaff(user: AuthUser, areaCode: string): boolean {
  return isStaffReader(user) && isInScope(user, areaCode);
}

/**
 * Monthly leaderboards are published inside the village (DOMAIN.md §5): admins and auditors of the
 * village or above, grid staff, volunteers and residents of that village.
 */
export function mayReadLeaderboard(user: AuthUser, villageCode: string): boolean {
  if (hasAnyRole(user, [...ADMIN_ROLES, Role.AUDITOR]) && isInScope(user, villageCode)) return true;
  return hasAnyRole(user, [...GRID_STAFF_ROLES, ...MEMBER_ROLES]) && user.areaCode.startsWith(villageCode);
}

/**
 * DOMAIN.md §8.7, acting as oneself. Volunteers and residents act only as themselves: they claim,
 * complete, sign up, declare, change their skills and redeem as their own record (the Volunteer or
 * points account linked to their login), and any argument naming another volunteer or person is
 * FORBIDDEN for them, whether or not it exists (so the answer tells nothing). Staff (area admins and
 * grid staff) may name someone else, but only inside their own area (each write checks the named
 * record's area against the caller's scope). Auditors and department staff change nothing here.
 */
export const NAMING_ROLES: Role[] = STAFF_ROLES;

export function mayNameOthers(user: AuthUser): boolean {
  return hasAnyRole(user, NAMING_ROLES);
}

/** Refuses a write naming someone other than the caller unless the caller is staff (§8.7). */
export function assertMayNameOthers(user: AuthUser, what: string): void {
  if (!mayNameOthers(user)) throw forbidden(`you may ${what} only as yourself (§8.7)`);
}
