import type { FieldMiddleware } from '@nestjs/graphql';
import { ALL_ROLES, AREA_ADMIN_ROLES, authenticatedUser, GRID_STAFF_ROLES, hasAnyRole, Role, type AuthUser } from '@lianxin/auth';
import { forbidden } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';

/**
 * Who may do what in the grids subgraph. Scope (the caller's area_code subtree) is applied in the
 * queries; these role sets decide what a role may see or change inside its scope.
 */

/** Everyone but residents reads a grid's details; residents see their own grid's code and name only. */
export const GRID_DETAIL_READERS: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.RESIDENT);

/** Who sees how staff are linked to people and accounts and which households they cover; others see names only. */
export const STAFF_PERSONAL_DATA_READERS: readonly Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.AUDITOR];

/** Visits and the public-opinion diary are about households: grid staff, admins and auditors only. */
export const VISIT_READERS: readonly Role[] = STAFF_PERSONAL_DATA_READERS;

/** Grids, micro-grids, staff and coverage links are set up by village admins and above. */
export const GRID_ADMINS: readonly Role[] = AREA_ADMIN_ROLES;

/** Field work is recorded by grid staff in their own grid, and by admins on a staff member's behalf. */
export const FIELD_WORKERS: readonly Role[] = [...GRID_STAFF_ROLES, ...AREA_ADMIN_ROLES];

/** Who links households to grid workers (包联): admins and the grid leader. */
export const HOUSEHOLD_ASSIGNERS: readonly Role[] = [...AREA_ADMIN_ROLES, Role.GRID_LEADER];

export function requireAnyRole(user: AuthUser, roles: readonly Role[], what: string): void {
  if (!hasAnyRole(user, roles)) throw forbidden(`${what} needs one of the roles ${roles.join(', ')}`);
}

export function requireGridDetails(user: AuthUser): void {
  requireAnyRole(user, GRID_DETAIL_READERS, "a grid's details");
}

/** Field middleware for grid fields residents may not read (they see code and name only). */
export const gridDetailField: FieldMiddleware = (ctx, next) => {
  requireGridDetails(authenticatedUser(ctx.context as GraphQLContext));
  return next();
};

/** Field middleware for staff personal data: null for roles that see names only. */
export const staffPersonalDataField: FieldMiddleware = (ctx, next) =>
  hasAnyRole(authenticatedUser(ctx.context as GraphQLContext), STAFF_PERSONAL_DATA_READERS) ? next() : null;

export type Actor = AuthUser | 'system';

export function actorId(actor: Actor): string {
  return actor === 'system' ? 'system' : actor.sub;
}
