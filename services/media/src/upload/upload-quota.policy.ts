/**
 * How much one user may upload (security, issue 17): at most `uploadsPerHour` uploads started and
 * `bytesPerHour` bytes declared (Upload-Length) in any hour, counted from media_file (so the limit holds
 * across replicas and restarts). Checked when an upload is created, before anything is stored: a refusal
 * is HTTP 429 with Retry-After, when the oldest upload of the hour leaves the window. Anonymous requests
 * never get here (401 first). A limit of 0 turns it off. Two uploads created at the same instant may both
 * pass the last free place: the limit is a brake on abuse, not an exact quota.
 *
 *   MEDIA_UPLOADS_PER_HOUR       default 600 (a grid worker's heavy day is a few dozen photos)
 *   MEDIA_UPLOAD_BYTES_PER_HOUR  default 4 GiB (120 photos at the 32 MiB size limit)
 */
export interface UploadQuota {
  uploadsPerHour: number;
  bytesPerHour: number;
}

export const UPLOAD_QUOTA_WINDOW_MS = 3_600_000;

export interface RecentUploads {
  /** Uploads the user created in the last hour, and the bytes they declared. */
  count: number;
  bytes: number;
  /** When the oldest of them was created (null: none). */
  oldest: Date | null;
}

export type QuotaDecision = { allowed: true } | { allowed: false; reason: string; retryAfterSeconds: number };

export function decideUpload(quota: UploadQuota, recent: RecentUploads, declaredBytes: number, now: Date = new Date()): QuotaDecision {
  const retryAfterSeconds = recent.oldest ? Math.max(1, Math.ceil((recent.oldest.getTime() + UPLOAD_QUOTA_WINDOW_MS - now.getTime()) / 1000)) : 1;
  if (quota.uploadsPerHour > 0 && recent.count + 1 > quota.uploadsPerHour) {
    return { allowed: false, reason: `at most ${quota.uploadsPerHour} uploads per hour; try again in ${retryAfterSeconds} s`, retryAfterSeconds };
  }
  if (quota.bytesPerHour > 0 && recent.bytes + declaredBytes > quota.bytesPerHour) {
    if (declaredBytes > quota.bytesPerHour) return { allowed: false, reason: `at most ${quota.bytesPerHour} bytes per hour`, retryAfterSeconds: Math.ceil(UPLOAD_QUOTA_WINDOW_MS / 1000) };
    return { allowed: false, reason: `at most ${quota.bytesPerHour} bytes per hour (${recent.bytes} uploaded in the last hour); try again in ${retryAfterSeconds} s`, retryAfterSeconds };
  }
  return { allowed: true };
}
