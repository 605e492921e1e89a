import { prefixPattern } from '@lianxin/db';
import { forbidden } from '@lianxin/graphql';

/**
 * The area-code condition of a list: the caller's prefix (from the token, never from the client),
 * narrowed by an optional client area that must lie inside it.
 */
export function areaCondition(prefix: string, requested: string | undefined, field = 'areaCode'): Record<string, unknown> {
  if (requested !== undefined && !requested.startsWith(prefix)) {
    // An area above the caller's would widen nothing (the prefix still applies), but it names what they cannot see.
    throw forbidden(`area ${requested} is outside your area ${prefix}`);
  }
  return { [field]: { $like: prefixPattern(requested ?? prefix) } };
}
