import { isInScope, isOnPathToScope, Role, type AuthUser } from '@lianxin/auth';
import { forbidden } from '@lianxin/graphql';

/**
 * Who may do what with county settings and the working calendar (issue 15). One file, so the rules are
 * read in one place:
 * - read a county's settings and working calendar: anyone whose area is the county, inside it, or
 *   above it (the rules a county works by are not secret to the people it serves);
 * - read the change history (who changed what): area admins and auditors, same area rule;
 * - change a county's settings or its calendar overrides: a county admin whose area contains the
 *   county — in practice only their own county (a county admin of 330402 cannot touch 330411);
 * - change the national calendar base: a county admin at province level or above (a platform
 *   account; the demo has none), never a county's admin.
 */
export const SETTINGS_HISTORY_ROLES: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.AUDITOR];

export function mayReadCounty(user: AuthUser, countyCode: string): boolean {
  return isInScope(user, countyCode) || isOnPathToScope(user, countyCode);
}

export function assertMayReadCounty(user: AuthUser, countyCode: string): void {
  if (!mayReadCounty(user, countyCode)) throw forbidden(`county ${countyCode} is outside your area ${user.areaCode}`);
}

export function assertMayChangeCounty(user: AuthUser, countyCode: string): void {
  if (!user.roles.includes(Role.COUNTY_ADMIN)) throw forbidden('only county admins change county settings');
  if (!isInScope(user, countyCode)) throw forbidden(`county ${countyCode} is not yours (${user.areaCode}): a county admin changes only their own county`);
}

export function assertMayChangeNationalCalendar(user: AuthUser): void {
  if (!user.roles.includes(Role.COUNTY_ADMIN) || user.areaCode.length > 2) {
    throw forbidden('the national calendar is changed by platform administrators only; set an override for your county instead');
  }
}
