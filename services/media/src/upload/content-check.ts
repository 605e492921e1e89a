import { fileTypeFromBuffer } from 'file-type';

/**
 * What we accept, decided by the file's first bytes (magic numbers), never by its name or the type the
 * client claims. Images are decoded and re-encoded (which drops EXIF and anything hidden after the image
 * data); PDFs are stored as they are.
 */
export const ACCEPTED_TYPES = {
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'image/avif': { kind: 'image', ext: 'avif' },
  'application/pdf': { kind: 'document', ext: 'pdf' },
} as const;

export type AcceptedMime = keyof typeof ACCEPTED_TYPES;

export type ContentVerdict =
  | { accepted: true; mime: AcceptedMime; kind: 'image' | 'document'; ext: string }
  | { accepted: false; reason: string };

/** Bytes needed from the start of a file to decide (file-type reads at most this much). */
export const SNIFF_BYTES = 4100;

export async function checkContent(head: Uint8Array): Promise<ContentVerdict> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return { accepted: false, reason: 'the content is not a known file type (accepted: JPEG, PNG, WebP, AVIF, PDF)' };
  if (found.mime === 'image/heic' || found.mime === 'image/heif' || found.mime === 'image/heic-sequence' || found.mime === 'image/heif-sequence') {
    // The image library here decodes AVIF but not HEVC: a HEIC photo could be neither thumbnailed nor
    // stripped of its location, so it is refused rather than served with its EXIF.
    return { accepted: false, reason: 'HEIC photos are not accepted: send JPEG (iPhone: Settings › Camera › Formats › Most Compatible)' };
  }
  const accepted = ACCEPTED_TYPES[found.mime as AcceptedMime];
  if (!accepted) return { accepted: false, reason: `${found.mime} is not accepted (accepted: JPEG, PNG, WebP, AVIF, PDF)` };
  return { accepted: true, mime: found.mime as AcceptedMime, kind: accepted.kind, ext: accepted.ext };
}
