import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Calls `wake` once outbox rows are committed, so the relay publishes without waiting for its
 * next poll: right after a flush outside a transaction, or at the commit of the transaction the
 * flush ran in. Only inserts count, so the relay's own updates do not wake it.
 */
export class OutboxWakeSubscriber implements EventSubscriber {
  private readonly pendingTransactions = new WeakSet<object>();

  constructor(private readonly wake: () => void) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const recorded = uow.getChangeSets().some((cs) => cs.type === ChangeSetType.CREATE && cs.entity instanceof OutboxEvent);
    if (!recorded) return;
    const transaction = em.getTransactionContext<object>();
    if (transaction) this.pendingTransactions.add(transaction);
    else this.wake();
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (transaction && this.pendingTransactions.delete(transaction)) this.wake();
  }
}
