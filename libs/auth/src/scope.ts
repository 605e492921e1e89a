import { prefixPattern } from '@lianxin/db';
import { forbidden } from '@lianxin/graphql';
import type { AuthUser } from './auth-user.js';

/** The area is inside the user's subtree. */
export function isInScope(user: AuthUser, areaCode: string): boolean {
  return areaCode.startsWith(user.areaCode);
}

/** The area is the user's own or one above it: its name and place may be shown, not what is below it. */
export function isOnPathToScope(user: AuthUser, areaCode: string): boolean {
  return user.areaCode.startsWith(areaCode);
}

export function assertInScope(user: AuthUser, areaCode: string, what = 'area'): void {
  if (!isInScope(user, areaCode)) throw forbidden(`${what} ${areaCode} is outside your area ${user.areaCode}`);
}

/**
 * The user's scope as a MikroORM filter on an area-code column: the check lives in the data
 * query itself (LIKE 'prefix%' on a text_pattern_ops index), never in a client argument.
 */
export function scopeFilter<K extends string = 'areaCode'>(user: AuthUser, field?: K): Record<K, { $like: string }> {
  return { [field ?? 'areaCode']: { $like: prefixPattern(user.areaCode) } } as Record<K, { $like: string }>;
}
