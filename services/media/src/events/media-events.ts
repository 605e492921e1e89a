/** Subjects this service publishes (media.<entity>.<event>); areaCode is the owner's area (grid or village code). */
export const MediaEvents = {
  ATTACHMENT_ADDED: 'media.attachment.added',
  FILE_DELETED: 'media.file.deleted',
} as const;

/** No file name, location or link: consumers learn that an owner has a new attachment. */
export interface AttachmentAddedData {
  attachmentId: string;
  fileId: string;
  ownerType: string;
  ownerId: string;
  purpose: string;
}

export interface FileDeletedData {
  fileId: string;
  ownerType: string | null;
  ownerId: string | null;
  reason: string;
}
