import { AREA_ADMIN_ROLES, Role } from '@lianxin/auth';

/** Who resolves edit conflicts: the grid leader, and admins above the grid (in their area, by SQL scope). */
export const CONFLICT_RESOLVERS: readonly Role[] = [Role.GRID_LEADER, ...AREA_ADMIN_ROLES];

/** Who may read the list: the resolvers and auditors (in their area). */
export const CONFLICT_READERS: readonly Role[] = [...CONFLICT_RESOLVERS, Role.AUDITOR];

/** Fields of personal data that are never parked in a conflict list (their values are sealed): a plain CONFLICT instead. */
export const UNPARKED_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'birthDate', 'phone']);
