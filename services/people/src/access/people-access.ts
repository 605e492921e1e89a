import { AREA_ADMIN_ROLES, GRID_STAFF_ROLES, hasAnyRole, Role, type AuthUser } from '@lianxin/auth';

/** Departments whose staff may read clear ID and phone numbers (police checks, civil-affairs benefits). */
export const REVEALING_DEPARTMENTS = ['PUBLIC_SECURITY', 'CIVIL_AFFAIRS'] as const;
/** Departments whose staff see special-population tags. */
export const SENSITIVE_TAG_DEPARTMENTS = ['PUBLIC_SECURITY'] as const;

/** Who keeps the ledgers: register, edit, tag, move and import people. */
export const LEDGER_EDITOR_ROLES: readonly Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES];
/** Who records party membership. */
export const PARTY_EDITOR_ROLES: readonly Role[] = [...AREA_ADMIN_ROLES, Role.GRID_LEADER];
/** Who reads the reveal audit log. */
export const AUDIT_READER_ROLES: readonly Role[] = [Role.AUDITOR, Role.COUNTY_ADMIN];
/** Who may find a person by ID number. */
export const ID_LOOKUP_ROLES: readonly Role[] = [...LEDGER_EDITOR_ROLES, Role.DEPARTMENT_STAFF, Role.AUDITOR];
/** Who reads households and population statistics (not volunteers, not residents). */
export const LEDGER_READER_ROLES: readonly Role[] = [...LEDGER_EDITOR_ROLES, Role.DEPARTMENT_STAFF, Role.AUDITOR];

/** What a caller may see of the population ledgers (DOMAIN.md §3: sensitive data only for roles that need it). */
export interface PeopleAccess {
  /** A resident (and nothing else) sees only the Person linked to their account. */
  selfOnly: boolean;
  /** More than the name: sex, birth date, address, masked numbers, tags, household, party membership. */
  details: boolean;
  /** Special-population tags (社区矫正, 刑满释放 …). */
  sensitiveTags: boolean;
  /** May ask for the clear ID or phone number (revealPersonalData). */
  reveal: boolean;
}

function inDepartment(user: AuthUser, departments: readonly string[]): boolean {
  return hasAnyRole(user, [Role.DEPARTMENT_STAFF]) && departments.includes(user.departmentCode ?? '');
}

export function peopleAccess(user: AuthUser): PeopleAccess {
  const keepers = hasAnyRole(user, LEDGER_EDITOR_ROLES);
  const selfOnly = user.roles.length > 0 && user.roles.every((role) => role === Role.RESIDENT);
  return {
    selfOnly,
    // A resident sees their own record in full (masked numbers); volunteers see names only.
    details: selfOnly || hasAnyRole(user, LEDGER_READER_ROLES),
    sensitiveTags: keepers || hasAnyRole(user, [Role.AUDITOR]) || inDepartment(user, SENSITIVE_TAG_DEPARTMENTS),
    reveal: keepers || inDepartment(user, REVEALING_DEPARTMENTS),
  };
}
