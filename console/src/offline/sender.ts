import type { ApolloClient } from '@apollo/client';
import { ConsoleAttachMediaDocument, ConsoleRecordPatrolDocument, ConsoleRecordVisitDocument, ConsoleReportHazardDocument } from '@lianxin/client';
import type { UserManager } from 'oidc-client-ts';
import { offlineSafeCreates } from 'virtual:persisted-ids';
import { describeError, isFinalRefusal } from '../errors';
import { uploadPhoto, UploadRefused } from '../upload';
import { fieldSender } from './field-send';
import { FieldQueue, indexedDbStore, toMutationInput, type Sender } from './queue';

/** One outbox per page (IndexedDB "lianxin-field"). */
export const fieldQueue = new FieldQueue(indexedDbStore());

async function write(client: ApolloClient, kind: string, input: Record<string, unknown>): Promise<string> {
  switch (kind) {
    case 'visit':
      return (await client.mutate({ mutation: ConsoleRecordVisitDocument, variables: { input: input as never } })).data!.recordVisit.visit.id;
    case 'patrol':
      return (await client.mutate({ mutation: ConsoleRecordPatrolDocument, variables: { input: input as never } })).data!.recordPatrol.patrol.id;
    default:
      return (await client.mutate({ mutation: ConsoleReportHazardDocument, variables: { input: input as never } })).data!.reportHazard.hazard.id;
  }
}

/**
 * Sends one queued item: its photos (tus, resumable), the write (idempotency key), the attachments. A refusal
 * the server will repeat is final (kept with its reason); anything else (no network, a 5xx) is retried later.
 */
export function apolloSender(client: ApolloClient, users: Pick<UserManager, 'getUser'> | null): Sender {
  return fieldSender({
    online: () => navigator.onLine,
    upload: (photo, onUploadUrl) => {
      if (!users) return Promise.reject(new Error('not signed in'));
      // The bytes stay until the upload has finished (then its id is kept instead), so this is never expected.
      if (!photo.blob) return Promise.reject(new UploadRefused(0, `${photo.name}: the photo's bytes are gone`));
      return uploadPhoto(photo.blob, users, { name: photo.name, uploadUrl: photo.uploadUrl, onUploadUrl });
    },
    write: (item) => write(client, item.kind, toMutationInput(item, offlineSafeCreates)),
    attach: async (ownerType, ownerId, uploadIds) => {
      await client.mutate({ mutation: ConsoleAttachMediaDocument, variables: { input: { ownerType, ownerId, uploadIds, purpose: 'REPORT' } } });
    },
    classify: (error) => ({ retry: !(error instanceof UploadRefused) && !isFinalRefusal(error), reason: describeError(error) }),
  });
}
