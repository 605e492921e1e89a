import type { ApolloClient } from '@apollo/client';
import { ConsoleRecordPatrolDocument, ConsoleRecordVisitDocument, ConsoleReportHazardDocument } from '@lianxin/client';
import type { DocumentNode } from 'graphql';
import { offlineSafeCreates } from 'virtual:persisted-ids';
import { describeError, isFinalRefusal } from '../errors';
import { FieldQueue, indexedDbStore, toMutationInput, type Sender } from './queue';

const DOCUMENTS: Record<string, DocumentNode> = {
  visit: ConsoleRecordVisitDocument,
  patrol: ConsoleRecordPatrolDocument,
  hazard: ConsoleReportHazardDocument,
};

/** One outbox per page (IndexedDB "lianxin-field"). */
export const fieldQueue = new FieldQueue(indexedDbStore());

/** Sends one queued item; a refusal the server will repeat is final, anything else is retried later. */
export function apolloSender(client: ApolloClient): Sender {
  return async (item) => {
    if (!navigator.onLine) return { ok: false, retry: true, reason: 'offline' };
    try {
      await client.mutate({ mutation: DOCUMENTS[item.kind], variables: { input: toMutationInput(item, offlineSafeCreates) } });
      return { ok: true };
    } catch (error) {
      return { ok: false, retry: !isFinalRefusal(error), reason: describeError(error) };
    }
  };
}
