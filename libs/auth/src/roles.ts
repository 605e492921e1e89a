/** Keycloak realm roles, by level and function (ARCHITECTURE.md, Identity). */
export const Role = {
  COUNTY_ADMIN: 'county-admin',
  TOWNSHIP_ADMIN: 'township-admin',
  VILLAGE_ADMIN: 'village-admin',
  GRID_LEADER: 'grid-leader',
  GRID_WORKER: 'grid-worker',
  DEPARTMENT_STAFF: 'department-staff',
  VOLUNTEER: 'volunteer',
  RESIDENT: 'resident',
  AUDITOR: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);
export const AREA_ADMIN_ROLES: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN];
export const GRID_STAFF_ROLES: readonly Role[] = [Role.GRID_LEADER, Role.GRID_WORKER];
