import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { conflict } from '@lianxin/graphql';

/**
 * Runs a write whose rule a unique index also guards (e.g. one active leader per grid): when a
 * concurrent request won the race, the index violation becomes CONFLICT instead of an internal error.
 */
export async function conflictOnDuplicate<T>(write: () => Promise<T>, reason: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(reason);
    throw error;
  }
}
