import type { AuthUser } from '@lianxin/auth';
import type { Viewer } from './viewer.types.js';

/**
 * A Viewer is the caller, never anyone else: a representation whose id is not the token's subject
 * (sent straight to this subgraph, bypassing the gateway) resolves to null.
 */
export function isOwnViewer(user: AuthUser, viewerId: string): boolean {
  return viewerId === user.sub;
}

/** The caller as a Viewer, from the verified token alone. */
export function viewerOf(user: AuthUser): Viewer {
  return { id: user.sub, username: user.username, roles: [...user.roles], areaCode: user.areaCode, departmentCode: user.departmentCode ?? null };
}
