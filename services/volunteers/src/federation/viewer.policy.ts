import type { AuthUser } from '@lianxin/auth';

/**
 * Viewer (issue 13): a Viewer is the caller, never anyone else. Every field this subgraph adds to it
 * answers for the token's subject only; a representation with another id (sent straight to this
 * subgraph, bypassing the gateway) resolves to null.
 */
export function isOwnViewer(user: AuthUser, viewerId: string): boolean {
  return viewerId === user.sub;
}
