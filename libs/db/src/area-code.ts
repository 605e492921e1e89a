import { badUserInput } from '@lianxin/graphql';

/**
 * Area codes are prefix codes (DOMAIN.md §1): a node's code starts with its parent's.
 * "Inside my area" is therefore a LIKE 'prefix%' test, served by a text_pattern_ops index.
 */
export const AREA_CODE_LENGTHS = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12, GRID: 15, MICRO_GRID: 18 } as const;
export type AreaLevel = keyof typeof AREA_CODE_LENGTHS;

const LEVEL_BY_LENGTH = new Map<number, AreaLevel>(
  Object.entries(AREA_CODE_LENGTHS).map(([level, length]) => [length, level as AreaLevel]),
);

export function levelOfCode(code: string): AreaLevel | undefined {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH.get(code.length) : undefined;
}

/** The parent's code, or undefined for a province. */
export function parentCodeOf(code: string): string | undefined {
  const level = levelOfCode(code);
  if (!level || level === 'PROVINCE') return undefined;
  const lengths = Object.values(AREA_CODE_LENGTHS);
  return code.slice(0, lengths[lengths.indexOf(AREA_CODE_LENGTHS[level]) - 1]);
}

/** Every ancestor code from the province down to the parent. */
export function ancestorCodesOf(code: string): string[] {
  const ancestors: string[] = [];
  for (let parent = parentCodeOf(code); parent; parent = parentCodeOf(parent)) ancestors.unshift(parent);
  return ancestors;
}

export function isWithinArea(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/**
 * A LIKE pattern that matches the scope and everything below it. Codes are digits only, so nothing needs escaping;
 * anything else (e.g. an `areaCode` argument such as '330402abc') is the caller's bad input, not a server error.
 */
export function prefixPattern(scope: string, field = 'areaCode'): string {
  if (!/^\d*$/.test(scope)) throw badUserInput(field, 'an area code has digits only');
  return `${scope}%`;
}
