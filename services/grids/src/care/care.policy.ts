import { AREA_ADMIN_ROLES, GRID_STAFF_ROLES, Role } from '@lianxin/auth';

/**
 * Who may do what with the care schedule (§8.3). Scope (the caller's area subtree) is in every query.
 * - A due list: grid staff (their own, or a colleague's in their scope — the grid leader watches the
 *   grid's), area admins and auditors. Slots name households, not persons' data.
 * - Recording care: grid staff for themselves, admins on a staff member's behalf.
 */
export const CARE_READERS: readonly Role[] = [...GRID_STAFF_ROLES, ...AREA_ADMIN_ROLES, Role.AUDITOR];
export const CARE_RECORDERS: readonly Role[] = [...GRID_STAFF_ROLES, ...AREA_ADMIN_ROLES];
