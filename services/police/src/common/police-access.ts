import { hasAnyRole, Role, type AuthUser } from '@lianxin/auth';
import { forbidden } from '@lianxin/graphql';

/** department_code of the public-security bureau's staff (organizations' Department.code). */
export const PUBLIC_SECURITY = 'PUBLIC_SECURITY';

/** Roles that may call the mutations at all; the department and the grid are checked by the rules below. */
export const OFFICER_MANAGER_ROLES: Role[] = [Role.COUNTY_ADMIN, Role.DEPARTMENT_STAFF];
export const PATROL_RECORDER_ROLES: Role[] = [Role.COUNTY_ADMIN, Role.DEPARTMENT_STAFF, Role.GRID_LEADER, Role.GRID_WORKER];
/** Patrol findings are police work notes: governance staff and auditors read them, residents and volunteers do not. */
export const PATROL_READER_ROLES: Role[] = [
  Role.COUNTY_ADMIN,
  Role.TOWNSHIP_ADMIN,
  Role.VILLAGE_ADMIN,
  Role.GRID_LEADER,
  Role.GRID_WORKER,
  Role.DEPARTMENT_STAFF,
  Role.AUDITOR,
];

export function isPoliceStaff(user: AuthUser): boolean {
  return user.roles.includes(Role.DEPARTMENT_STAFF) && user.departmentCode === PUBLIC_SECURITY;
}

/** Staff of other departments pass the role check (department-staff) but not this one. */
function allowedUnlessOtherDepartment(user: AuthUser, rolesBesidesStaff: readonly Role[]): boolean {
  return isPoliceStaff(user) || hasAnyRole(user, rolesBesidesStaff.filter((role) => role !== Role.DEPARTMENT_STAFF));
}

export function mayManageOfficers(user: AuthUser): boolean {
  return allowedUnlessOtherDepartment(user, OFFICER_MANAGER_ROLES);
}

export function mayRecordPatrols(user: AuthUser): boolean {
  return allowedUnlessOtherDepartment(user, PATROL_RECORDER_ROLES);
}

export function mayReadPatrols(user: AuthUser): boolean {
  return allowedUnlessOtherDepartment(user, PATROL_READER_ROLES);
}

/** Officers' phone numbers in clear only for the police themselves and the county's administrators. */
export function maySeeOfficerPhone(user: AuthUser): boolean {
  return isPoliceStaff(user) || user.roles.includes(Role.COUNTY_ADMIN);
}

export function assertMay(allowed: boolean, what: string): void {
  if (!allowed) throw forbidden(`only public-security staff and the roles named for it may ${what}`);
}
