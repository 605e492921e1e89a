import type { FieldWorkKind, QueuedPhoto, QueuedWork, Sender, SendOutcome } from './queue';

/** What each kind of field work is to the media service (attachMedia's ownerType). */
export const OWNER_TYPE: Readonly<Record<FieldWorkKind, 'VISIT' | 'PATROL' | 'HAZARD'>> = { visit: 'VISIT', patrol: 'PATROL', hazard: 'HAZARD' };

/** The steps of sending one item; the app binds them to tus and the GraphQL client (sender.ts). */
export interface FieldSendSteps {
  online(): boolean;
  /** Uploads (or resumes, given photo.uploadUrl) one photo; resolves with the upload id. */
  upload(photo: QueuedPhoto, onUploadUrl: (url: string) => Promise<void>): Promise<string>;
  /** The write with the item's idempotency key; resolves with the id of what it created (the same on a replay). */
  write(item: QueuedWork): Promise<string>;
  /** attachMedia: the same uploads to the same owner again changes nothing. */
  attach(ownerType: 'VISIT' | 'PATROL' | 'HAZARD', ownerId: string, uploadIds: string[]): Promise<void>;
  /** Whether an error is final (the server would refuse again) and what to show. */
  classify(error: unknown): { retry: boolean; reason: string };
}

/**
 * Sends one item in three steps, each recorded in the item as it completes, so any of them can be cut and
 * repeated without a duplicate:
 * 1. each photo is uploaded with tus (its URL is kept as soon as the server made the upload, so a cut
 *    upload resumes, and a finished one answers with the same id; the bytes are then dropped);
 * 2. the write goes with its idempotency key (a replay answers the first result: the same owner id);
 * 3. the uploads are attached to that owner (attaching the same uploads to it again changes nothing).
 */
export function fieldSender(steps: FieldSendSteps): Sender {
  return async (item, save): Promise<SendOutcome> => {
    if (!steps.online()) return { ok: false, retry: true, reason: 'offline' };
    try {
      const photos = [...(item.photos ?? [])];
      for (let index = 0; index < photos.length; index++) {
        if (photos[index].uploadId) continue;
        const uploadId = await steps.upload(photos[index], async (uploadUrl) => {
          photos[index] = { ...photos[index], uploadUrl };
          await save({ photos: [...photos] });
        });
        const { name, type, uploadUrl } = photos[index];
        photos[index] = { name, type, ...(uploadUrl ? { uploadUrl } : {}), uploadId }; // the bytes are on the server now
        await save({ photos: [...photos] });
      }
      let ownerId = item.ownerId;
      if (!ownerId) {
        ownerId = await steps.write(item);
        await save({ ownerId });
      }
      const uploadIds = photos.map((photo) => photo.uploadId!);
      if (uploadIds.length > 0) await steps.attach(OWNER_TYPE[item.kind], ownerId, uploadIds);
      return { ok: true };
    } catch (error) {
      return { ok: false, ...steps.classify(error) };
    }
  };
}
