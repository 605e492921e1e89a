import { badUserInput } from '@lianxin/graphql';

/** Phones in the field run a little ahead or behind; allow this much clock skew. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** When field work happened: now if not given; a time in the future is refused. */
export function whenDone(value: Date | undefined, field: string, now = new Date()): Date {
  if (!value) return now;
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badUserInput(field, 'must not be in the future');
  return value;
}
