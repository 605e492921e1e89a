import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '@lianxin/graphql';

/** Runs `work` in one transaction; a unique-key race with a concurrent request becomes CONFLICT. */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, duplicate: string): Promise<T> {
  try {
    return await em.transactional((tx) => work(tx as EntityManager));
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(duplicate);
    throw error;
  }
}
