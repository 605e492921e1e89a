/**
 * The media service's settings (environment), read once at start.
 *
 *   MEDIA_MAX_BYTES            largest upload accepted (default 32 MiB; a 20 MB phone photo fits)
 *   MEDIA_LINK_SECONDS         lifetime of a signed download link (default 300, at most 3600)
 *   MEDIA_UNATTACHED_DAYS      an upload never attached is deleted after this many days (default 7)
 *   MEDIA_RETENTION_INTERVAL_MS  how often the retention job runs (default hourly; 0 = never, e.g. in tests that run it by hand)
 *   MEDIA_UPLOAD_PATH          where tus is served (default /uploads; the gateway proxies the same path)
 *   MEDIA_UPLOADS_PER_HOUR, MEDIA_UPLOAD_BYTES_PER_HOUR  per-user upload limits (upload/upload-quota.policy.ts; 0 = off)
 */
export interface MediaConfig {
  maxBytes: number;
  linkSeconds: number;
  unattachedDays: number;
  retentionIntervalMs: number;
  uploadPath: string;
  /** Per-user limits (upload-quota.policy.ts). */
  uploadsPerHour: number;
  uploadBytesPerHour: number;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0, not "${value}"`);
  return n;
}

export function mediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  return {
    maxBytes: positive('MEDIA_MAX_BYTES', env.MEDIA_MAX_BYTES, 32 * 1024 * 1024),
    linkSeconds: Math.min(positive('MEDIA_LINK_SECONDS', env.MEDIA_LINK_SECONDS, 300), 3600),
    unattachedDays: positive('MEDIA_UNATTACHED_DAYS', env.MEDIA_UNATTACHED_DAYS, 7),
    retentionIntervalMs: positive('MEDIA_RETENTION_INTERVAL_MS', env.MEDIA_RETENTION_INTERVAL_MS, 3_600_000),
    uploadPath: env.MEDIA_UPLOAD_PATH ?? '/uploads',
    uploadsPerHour: positive('MEDIA_UPLOADS_PER_HOUR', env.MEDIA_UPLOADS_PER_HOUR, 600),
    uploadBytesPerHour: positive('MEDIA_UPLOAD_BYTES_PER_HOUR', env.MEDIA_UPLOAD_BYTES_PER_HOUR, 4 * 1024 * 1024 * 1024),
  };
}

export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');
