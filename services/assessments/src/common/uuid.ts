import { badUserInput } from '@lianxin/graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids go into uuid columns: anything else is bad input, not a database error. */
export function requireUuid(field: string, value: string): void {
  if (!isUuid(value)) throw badUserInput(field, 'must be a UUID');
}

/** Keys of a batch that can be ids at all (a malformed reference simply resolves to null). */
export function uuidsOnly(values: readonly string[]): string[] {
  return values.filter(isUuid);
}
