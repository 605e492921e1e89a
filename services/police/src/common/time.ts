import { badUserInput } from '@lianxin/graphql';

/** Field devices' clocks run a little ahead at times; a few minutes is not "the future". */
export const CLOCK_SKEW_MS = 5 * 60_000;

export function assertNotInFuture(field: string, at: Date, now = new Date()): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badUserInput(field, 'must not be in the future');
}
