import { AREA_ADMIN_ROLES, isInScope, Role, type AuthUser } from '@lianxin/auth';
import { forbidden } from '@lianxin/graphql';

/**
 * Who sees and handles warnings (§8.4). A warning is addressed to an area and its level.
 * - Read: area admins, grid leaders and auditors, for warnings addressed inside their area (a
 *   township's warnings are invisible to another township; the county sees all of its own). In the SQL.
 * - Acknowledge and close: area admins and grid leaders whose area holds the addressed area — the
 *   addressed level itself or one above it. Auditors read only.
 */
export const WARNING_READERS: readonly Role[] = [...AREA_ADMIN_ROLES, Role.GRID_LEADER, Role.AUDITOR];
export const WARNING_HANDLERS: readonly Role[] = [...AREA_ADMIN_ROLES, Role.GRID_LEADER];

export function assertMayHandle(user: AuthUser, warning: { areaCode: string }): void {
  if (!isInScope(user, warning.areaCode)) throw forbidden(`the warning is addressed to ${warning.areaCode}, outside your area ${user.areaCode}`);
}
