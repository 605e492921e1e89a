import { decideUpload, UPLOAD_QUOTA_WINDOW_MS } from './upload-quota.policy.js';

describe('upload quota per user (issue 17, security)', () => {
  const quota = { uploadsPerHour: 3, bytesPerHour: 1_000 };
  const now = new Date('2026-12-07T10:00:00Z');
  const tenMinutesAgo = new Date(now.getTime() - 600_000);

  it('lets uploads through below both limits', () => {
    expect(decideUpload(quota, { count: 2, bytes: 500, oldest: tenMinutesAgo }, 500, now)).toEqual({ allowed: true });
  });

  it('refuses the upload past the count, with Retry-After when the oldest leaves the hour', () => {
    const decision = decideUpload(quota, { count: 3, bytes: 10, oldest: tenMinutesAgo }, 1, now);
    expect(decision).toMatchObject({ allowed: false, retryAfterSeconds: (UPLOAD_QUOTA_WINDOW_MS - 600_000) / 1000 });
    expect(decision.allowed === false && decision.reason).toMatch(/at most 3 uploads per hour/);
  });

  it('refuses the bytes past the volume; one upload larger than the hour\'s volume waits the whole hour', () => {
    expect(decideUpload(quota, { count: 1, bytes: 900, oldest: tenMinutesAgo }, 101, now)).toMatchObject({ allowed: false, retryAfterSeconds: 3000 });
    expect(decideUpload(quota, { count: 0, bytes: 0, oldest: null }, 1_001, now)).toMatchObject({ allowed: false, retryAfterSeconds: 3600 });
  });

  it('0 turns a limit off', () => {
    expect(decideUpload({ uploadsPerHour: 0, bytesPerHour: 0 }, { count: 10_000, bytes: 1e12, oldest: tenMinutesAgo }, 1e9, now)).toEqual({ allowed: true });
  });
});
