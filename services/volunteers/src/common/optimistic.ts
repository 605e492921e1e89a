import { OptimisticLockError } from '@mikro-orm/core';
import { conflict } from '@lianxin/graphql';

/**
 * Runs a change whose UPDATE carries the version read (MikroORM's optimistic lock): of two concurrent
 * changes of one row, the one that commits second matches no row and gets CONFLICT, having written nothing.
 */
export async function conflictOnStaleVersion<T>(work: () => Promise<T>, reason: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict(reason);
    throw error;
  }
}
