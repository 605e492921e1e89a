import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { conflict } from '@lianxin/graphql';

/** Runs a create-or-update; a concurrent writer that won the unique key gives CONFLICT instead of a server error. */
export async function conflictOnDuplicate<T>(work: () => Promise<T>, reason: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(reason);
    throw error;
  }
}
