import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { tokenFor } from '@lianxin/testing';
import { asUser, GATEWAY_BASE } from './gateway.js';

/**
 * Issue 17, "Must show" (photos): through the gateway with real Keycloak tokens and the test stack's
 * SeaweedFS — a case report with two photos sent twice gives one case and two attachments; an upload cut
 * mid-way resumes where the server has it; a reader outside the case's area gets no link.
 */
const UPLOADS = `${GATEWAY_BASE}/uploads`;
const GRID = '330402001001001';
const MB = 1024 * 1024;

async function photo(size = 0, color = '#3060a0'): Promise<Buffer> {
  const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
    .jpeg({ quality: 85 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 45/1 0/1' } })
    .toBuffer();
  return size > image.length ? Buffer.concat([image, randomBytes(size - image.length)]) : image;
}

interface TusRun {
  url: string;
  error?: Error;
}

/** tus-js-client as a phone app would use it; `abortAt` (0..1) aborts the transfer there, like a lost signal. */
function tusUpload(data: Buffer, token: string, options: { uploadUrl?: string; abortAt?: number; fileName?: string } = {}): Promise<TusRun> {
  return new Promise((resolve) => {
    let url = options.uploadUrl ?? '';
    let aborted = false;
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: UPLOADS,
      uploadUrl: options.uploadUrl,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: options.fileName ?? 'photo.jpg' },
      retryDelays: [],
      chunkSize: 2 * MB,
      onUploadUrlAvailable: () => {
        url = upload.url ?? url;
      },
      onProgress: (sent, total) => {
        if (options.abortAt !== undefined && !aborted && sent >= total * options.abortAt) {
          aborted = true;
          void upload.abort().then(() => resolve({ url: upload.url ?? url }));
        }
      },
      onError: (error) => resolve({ url: upload.url ?? url, error }),
      onSuccess: () => resolve({ url: upload.url ?? url }),
    });
    upload.start();
  });
}

const idOf = (url: string) => url.split('/').pop()!;

async function offsetOf(url: string, token: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return Number(response.headers.get('upload-offset'));
}

const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`;
const ATTACH = `mutation ($input: AttachMediaInput!) { attachMedia(input: $input) { attachments { id state } } }`;
const MEDIA_OF_CASE = `query ($id: ID!) { case(id: $id) { id mediaAttachments { id state mimeType download { url expiresAt } location { latitude } } } }`;
const MEDIA_BY_OWNER = `query ($id: ID!) { mediaAttachments(ownerType: CASE, ownerId: $id) { id download { url } } }`;

type CaseMedia = { case: { id: string; mediaAttachments: Array<{ id: string; state: string; mimeType: string; download: { url: string } | null; location: { latitude: number } | null }> } | null };

describe('media through the gateway (issue 17)', () => {
  let worker: string;
  let caseId: string;
  let uploadIds: string[];

  beforeAll(async () => {
    worker = await tokenFor('grid.worker');
  });

  it('an upload cut mid-way resumes from where the server has it', async () => {
    const data = await photo(20 * MB);
    const cut = await tusUpload(data, worker, { abortAt: 0.6, fileName: '大照片.jpg' });
    expect(cut.url).toMatch(new RegExp(`^${GATEWAY_BASE}/uploads/[0-9a-f-]{36}$`));
    const offset = await offsetOf(cut.url, worker);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(data.length);

    let firstProgress = -1;
    const resumed = await new Promise<TusRun>((resolve) => {
      const upload = new tus.Upload(data, {
        uploadUrl: cut.url,
        headers: { Authorization: `Bearer ${worker}` },
        retryDelays: [],
        chunkSize: 4 * MB,
        onProgress: (sent) => {
          if (firstProgress < 0) firstProgress = sent;
        },
        onError: (error) => resolve({ url: cut.url, error }),
        onSuccess: () => resolve({ url: cut.url }),
      });
      upload.start();
    });
    expect(resumed.error).toBeUndefined();
    // the client asked where to go on and sent only the rest
    expect(firstProgress).toBeGreaterThanOrEqual(offset);
    expect(await offsetOf(cut.url, worker)).toBe(data.length);
    const status = await asUser<{ mediaUpload: { status: string; mimeType: string } }>('grid.worker', 'query ($id: ID!) { mediaUpload(id: $id) { status mimeType } }', {
      id: idOf(cut.url),
    });
    expect(status.data?.mediaUpload).toEqual({ status: 'READY', mimeType: 'image/jpeg' });
  }, 180_000);

  it('a case report with two photos sent twice (same key) is one case with two attachments', async () => {
    const runs = [await tusUpload(await photo(), worker), await tusUpload(await photo(0, '#a03060'), worker)];
    expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
    uploadIds = runs.map((run) => idOf(run.url));
    const key = `media-e2e-${randomUUID()}`;
    const input = { idempotencyKey: key, gridCode: GRID, title: '路灯不亮(带照片) e2e', description: '两张现场照片', categoryCode: 'LIVELIHOOD_SERVICE' };

    // the phone sends its queue twice: report, then attach
    const ids: string[] = [];
    const attachmentIds: string[][] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const reported = await asUser<{ reportCase: { case: { id: string } } }>('grid.worker', REPORT, { input });
      expect(reported.errors).toBeUndefined();
      ids.push(reported.data!.reportCase.case.id);
      const attached = await asUser<{ attachMedia: { attachments: Array<{ id: string }> } }>('grid.worker', ATTACH, {
        input: { ownerType: 'CASE', ownerId: reported.data!.reportCase.case.id, uploadIds },
      });
      expect(attached.errors).toBeUndefined();
      attachmentIds.push(attached.data!.attachMedia.attachments.map((a) => a.id));
    }
    expect(ids[1]).toBe(ids[0]);
    expect(attachmentIds[1]).toEqual(attachmentIds[0]);
    caseId = ids[0]!;

    // attached as soon as media has the case's event (an attach before it waits as PENDING_OWNER)
    const deadline = Date.now() + 20_000;
    let seen: CaseMedia['case'] = null;
    for (;;) {
      seen = (await asUser<CaseMedia>('grid.worker', MEDIA_OF_CASE, { id: caseId })).data?.case ?? null;
      if (seen?.mediaAttachments?.every((a) => a.state === 'ATTACHED') || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(seen!.mediaAttachments).toHaveLength(2);
    expect(seen!.mediaAttachments.map((a) => a.state)).toEqual(['ATTACHED', 'ATTACHED']);
    expect(seen!.mediaAttachments[0]!.location?.latitude).toBeCloseTo(30.75, 5);
    const download = await fetch(seen!.mediaAttachments[0]!.download!.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await download.arrayBuffer())).metadata()).exif).toBeUndefined();
    // readers of the area see them too
    expect((await asUser<CaseMedia>('village.admin', MEDIA_OF_CASE, { id: caseId })).data?.case?.mediaAttachments).toHaveLength(2);
  }, 120_000);

  it('a reader outside the case\'s area gets no link, and cannot attach', async () => {
    expect(caseId).toBeDefined();
    const outside = await asUser<CaseMedia>('grid.worker2', MEDIA_OF_CASE, { id: caseId });
    expect(outside.data?.case?.mediaAttachments ?? []).toEqual([]);
    const direct = await asUser<{ mediaAttachments: unknown[] }>('grid.worker2', MEDIA_BY_OWNER, { id: caseId });
    expect(direct.errors).toBeUndefined();
    expect(direct.data?.mediaAttachments).toEqual([]);
    expect((await asUser<{ mediaAttachments: unknown[] }>('village2.admin', MEDIA_BY_OWNER, { id: caseId })).data?.mediaAttachments).toEqual([]);
    const theirs = await tusUpload(await photo(), await tokenFor('grid.worker2'));
    const refused = await asUser('grid.worker2', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [idOf(theirs.url)] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // and someone else's upload is not reachable through the gateway either
    const head = await fetch(`${UPLOADS}/${uploadIds[0]}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${await tokenFor('grid.worker2')}` } });
    expect(head.status).toBe(404);
  }, 60_000);
});
