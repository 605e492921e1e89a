import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createSubgraphApp } from '@lianxin/platform';
import { ObjectStorage, SCRATCH_BUCKET } from '@lianxin/storage';
import {
  errorCodes,
  graphqlRequest,
  publishEnvelope,
  startSubgraphUnderTest,
  subjectOf,
  tokenFor,
  waitFor,
  type GraphQLResponse,
  type SubgraphUnderTest,
} from '@lianxin/testing';
import { createUpload, head, patch, patchCutAfter, uploadWhole } from './tus-client.js';

/**
 * The media subgraph in-process on a fresh database, a private NATS, the real SeaweedFS (bucket
 * lianxin-it, a prefix of its own) and real Keycloak tokens: tus uploads cut and resumed, content
 * checks, EXIF location kept as data and stripped from the served file, attachments by the owner's
 * area, signed links, pending owners and retention.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows and answers are checked field by field
type Row = Record<string, any>;
const GRID = '330402001001001'; // grid.worker, resident.demo
const OTHER_GRID = '330402001002001'; // grid.worker2
const MB = 1024 * 1024;

let subgraph: SubgraphUnderTest;
let uploads: string;
const prefix = `media-it-${randomBytes(4).toString('hex')}/`;
const tokens: Record<string, string> = {};
const token = async (user: string) => (tokens[user] ??= await tokenFor(user));

/** A JPEG with EXIF GPS (30.76 N, 120.75 E) and a camera time, padded after its end to `size` bytes. */
async function photo(size = 0, color = '#c04020'): Promise<Buffer> {
  const image = await sharp({ create: { width: 640, height: 480, channels: 3, background: color } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Field-1' },
      IFD2: { DateTimeOriginal: '2026:12:01 09:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 45/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 45/1 0/1', GPSAltitude: '12/1' },
    })
    .toBuffer();
  return size > image.length ? Buffer.concat([image, randomBytes(size - image.length)]) : image;
}

async function gql<T>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return graphqlRequest<T>(subgraph.url, query, { token: await token(user), variables });
}

const ATTACH = `mutation ($input: AttachMediaInput!) { attachMedia(input: $input) { attachments { id uploadId state purpose ownerId mimeType download { url expiresAt } } } }`;
const CASE_MEDIA = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { mediaAttachments { id state fileName mimeType width height status
  download { url expiresAt } thumbnail { url } location { latitude longitude altitude } takenAt } } } }`;
type CaseMedia = { _entities: Array<{ mediaAttachments: Row[] }> };

async function caseMedia(user: string, caseId: string) {
  const response = await gql<CaseMedia>(user, CASE_MEDIA, { r: [{ __typename: 'Case', id: caseId }] });
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0].mediaAttachments;
}

/** cases.case.<type> as the cases subgraph publishes it (only the fields media reads matter). */
async function caseEvent(type: string, caseId: string, gridCode: string, actor: string, extra: Record<string, unknown> = {}, occurredAt?: Date) {
  await publishEnvelope(subgraph.nats.url, {
    type: `cases.case.${type}`,
    areaCode: gridCode,
    actor,
    occurredAt: (occurredAt ?? new Date()).toISOString(),
    data: { caseId, gridCode, status: 'REPORTED', number: 'C-1', category: 'X', class: 'SIMPLE', source: 'GRID_PATROL', level: 'GRID', reporterPersonId: null, actor, ...extra },
  });
}

async function ownerKnown(ownerId: string, check: (row: Record<string, unknown>) => boolean = () => true) {
  await waitFor(
    () => subgraph.sql<Record<string, unknown>>('select * from media_owner where owner_id = ?', [ownerId]),
    (rows) => rows.length === 1 && check(rows[0]!),
  );
}

async function readyUpload(user: string, data: Buffer, name = 'photo.jpg'): Promise<string> {
  const { id, final } = await uploadWhole(uploads, await token(user), data, name);
  expect(final.status).toBe(204);
  expect(final.headers['media-status']).toBe('READY');
  return id;
}

beforeAll(async () => {
  subgraph = await startSubgraphUnderTest({
    name: 'media',
    env: { S3_BUCKET: SCRATCH_BUCKET, S3_PREFIX: prefix, MEDIA_RETENTION_INTERVAL_MS: '0', MEDIA_MAX_BYTES: String(24 * MB), MEDIA_LINK_SECONDS: '60' },
    loadOrmConfig: async () => (await import('../src/mikro-orm.config.js')).ormConfig(),
    loadAppModule: async () => (await import('../src/app.module.js')).AppModule,
    createApp: createSubgraphApp,
  });
  uploads = subgraph.url.replace(/\/graphql$/, '/uploads');
}, 120_000);

afterAll(async () => {
  const storage = ObjectStorage.fromEnv({ bucket: SCRATCH_BUCKET, prefix });
  await storage.deletePrefix('').finally(() => storage.destroy());
  await subgraph?.close();
});

describe('media: resumable uploads (tus)', () => {
  it('a 20 MB photo cut at 60 % resumes from where the server has it, and is served without its EXIF', async () => {
    const worker = await token('grid.worker');
    const data = await photo(20 * MB);
    const created = await createUpload(uploads, worker, data.length, '现场照片.jpg');
    expect(created.status).toBe(201);
    expect(created.url).toMatch(/\/uploads\/[0-9a-f-]{36}$/);
    const url = created.url!;

    await patchCutAfter(url, worker, 0, data, Math.floor(data.length * 0.6));
    const afterCut = await waitFor(
      () => head(url, worker),
      (answer) => answer.status === 200 && Number(answer.headers['upload-offset']) > 0,
    );
    const offset = Number(afterCut.headers['upload-offset']);
    // the server kept what arrived: at least the first whole 8 MiB part, at most what was sent
    expect(offset).toBeGreaterThanOrEqual(8 * MB);
    expect(offset).toBeLessThanOrEqual(Math.floor(data.length * 0.6));
    expect(Number(afterCut.headers['upload-length'])).toBe(data.length);

    const rest = await patch(url, worker, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
    expect(rest.headers['media-status']).toBe('READY');
    expect(Number(rest.headers['upload-offset'])).toBe(data.length);

    const id = url.split('/').pop()!;
    const [file] = await subgraph.sql<Row>('select * from media_file where id = ?', [id]);
    expect(file).toMatchObject({ status: 'READY', mime_type: 'image/jpeg', width: 640, height: 480, file_name: '现场照片.jpg' });
    expect(file.latitude).toBeCloseTo(30.76, 5);
    expect(file.longitude).toBeCloseTo(120.75, 5);
    expect(file.altitude).toBe(12);
    expect(new Date(file.taken_at).toISOString()).toBe('2026-12-01T09:30:00.000Z');
    // the served copy: re-encoded, no metadata, none of the 19 MB appended after the image
    const storage = ObjectStorage.fromEnv({ bucket: SCRATCH_BUCKET, prefix: `${prefix}media/` });
    try {
      const served = (await storage.getBuffer(file.object_key))!;
      expect(served.length).toBe(Number(file.size));
      expect(served.length).toBeLessThan(1 * MB);
      const meta = await sharp(served).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect((await sharp((await storage.getBuffer(file.thumbnail_key))!).metadata()).width).toBe(320);
      // the raw upload (with its EXIF) is gone
      expect(await Array.fromAsync(storage.list(`tus/${id}`))).toEqual([]);
    } finally {
      storage.destroy();
    }
    // HEAD after the end still answers the whole length (a client whose last answer was lost)
    const done = await head(url, worker);
    expect(done.status).toBe(200);
    expect(Number(done.headers['upload-offset'])).toBe(data.length);
  }, 120_000);

  it('decides the type by content, not by name', async () => {
    const worker = await token('grid.worker');
    const png = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#00ff0080' } }).png().toBuffer();
    const asJpg = await uploadWhole(uploads, worker, png, 'looks-like.jpg');
    expect(asJpg.final.status).toBe(204);
    expect((await subgraph.sql<{ mime_type: string }>('select mime_type from media_file where id = ?', [asJpg.id]))[0]!.mime_type).toBe('image/png');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const asPdf = await uploadWhole(uploads, worker, pdf, 'report.pdf');
    expect(asPdf.final.status).toBe(204);

    const text = await uploadWhole(uploads, worker, Buffer.from('#!/bin/sh\necho not a photo\n'.repeat(20)), 'photo.jpg');
    expect(text.final.status).toBe(415);
    expect(text.final.headers['media-status']).toBe('REJECTED');
    expect(text.final.body).toMatch(/not a known file type/);
    // HEIC (ftyp heic): recognised, refused with the reason (the image library here cannot strip it)
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic'), randomBytes(200)]);
    const heicUpload = await uploadWhole(uploads, worker, heic, 'IMG_0001.HEIC');
    expect(heicUpload.final.status).toBe(415);
    expect(heicUpload.final.body).toMatch(/HEIC/);

    const mine = await gql<{ mediaUpload: { status: string; rejectReason: string; attached: boolean } }>(
      'grid.worker',
      'query ($id: ID!) { mediaUpload(id: $id) { status rejectReason attached } }',
      { id: text.id },
    );
    expect(mine.data?.mediaUpload).toMatchObject({ status: 'REJECTED', attached: false });
    // someone else's upload does not exist for them
    expect((await gql('grid.worker2', 'query ($id: ID!) { mediaUpload(id: $id) { status } }', { id: text.id })).data?.mediaUpload).toBeNull();
  }, 60_000);

  it('refuses uploads over the size limit, without a token, and others\' uploads', async () => {
    const worker = await token('grid.worker');
    const tooBig = await createUpload(uploads, worker, 24 * MB + 1);
    expect(tooBig.status).toBe(413);
    expect((await createUpload(uploads, null, 100)).status).toBe(401);
    const created = await createUpload(uploads, worker, 1000);
    expect(created.status).toBe(201);
    const stranger = await token('grid.worker2');
    expect((await head(created.url!, stranger)).status).toBe(404);
    expect((await patch(created.url!, stranger, 0, Buffer.alloc(1000))).status).toBe(404);
    expect((await head(created.url!, worker)).headers['upload-offset']).toBe('0');
  });

  it('limits uploads per user and hour (count and volume): 429 with Retry-After, nothing stored; anonymous requests store nothing either', async () => {
    const rows = async () => Number((await subgraph.sql<{ n: string }>('select count(*) as n from media_file'))[0]!.n);
    const before = await rows();
    expect((await createUpload(uploads, null, 100)).status).toBe(401);
    expect(await rows()).toBe(before);

    // village2.admin uploads nothing else here; their last hour is written as rows: 600 uploads (the default limit), 40 minutes ago.
    const admin = await token('village2.admin');
    const sub = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).sub as string;
    const fill = (count: number, size: number, minutesAgo: number) =>
      subgraph.sql(
        `insert into media_file (id, created_at, updated_at, uploaded_by, uploader_area_code, file_name, declared_size)
         select gen_random_uuid(), now() - make_interval(mins => ?), now(), ?, '330402001002', 'quota.jpg', ? from generate_series(1, ?)`,
        [minutesAgo, sub, size, count],
      );
    await fill(600, 1000, 40);
    const refused = await createUpload(uploads, admin, 1000);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/at most 600 uploads per hour/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(1100);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1200);
    expect(await rows()).toBe(before + 600);

    // An hour later those no longer count; the volume does: 4 GiB declared in the last hour leaves no room.
    await subgraph.sql(`update media_file set created_at = now() - interval '61 minutes' where uploaded_by = ?`, [sub]);
    expect((await createUpload(uploads, admin, 1000)).status).toBe(201);
    await fill(1, 4 * 1024 * MB - 1000, 5);
    const overVolume = await createUpload(uploads, admin, 2000);
    expect(overVolume.status).toBe(429);
    expect(overVolume.body).toMatch(/bytes per hour/);
    expect(await rows()).toBe(before + 602);
  });
});

describe('media: attachments', () => {
  it('attaches two photos to a case once, however often it is sent; readers see links by the case\'s area', async () => {
    const caseId = randomUUID();
    const worker = 'grid.worker';
    await caseEvent('reported', caseId, GRID, subjectOf(await token(worker)));
    await ownerKnown(caseId);
    const uploadIds = [await readyUpload(worker, await photo()), await readyUpload(worker, await photo(0, '#2040c0'))];
    const input = { ownerType: 'CASE', ownerId: caseId, uploadIds };

    const first = await gql<{ attachMedia: { attachments: Array<{ id: string; state: string }> } }>(worker, ATTACH, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.attachMedia.attachments.map((a) => a.state)).toEqual(['ATTACHED', 'ATTACHED']);
    const again = await gql<{ attachMedia: { attachments: Array<{ id: string }> } }>(worker, ATTACH, { input });
    expect(again.data!.attachMedia.attachments.map((a) => a.id)).toEqual(first.data!.attachMedia.attachments.map((a) => a.id));
    expect(await subgraph.count('select count(*) as n from media_attachment where owner_id = ?', [caseId])).toBe(2);
    expect(await subgraph.count(`select count(*) as n from outbox_event where subject = 'media.attachment.added' and envelope->'data'->>'ownerId' = ?`, [caseId])).toBe(2);

    // readers of the case's area: links that work for a while; the location for staff
    const seen = await caseMedia('grid.worker', caseId);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ state: 'ATTACHED', status: 'READY', mimeType: 'image/jpeg', width: 640, height: 480 });
    expect(seen[0]!.location.latitude).toBeCloseTo(30.76, 5);
    expect(seen[0]!.takenAt).toBe('2026-12-01T09:30:00.000Z');
    const download = await fetch(seen[0]!.download.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await download.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect(new Date(seen[0]!.download.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 61_000);
    expect((await fetch(seen[0]!.thumbnail.url)).headers.get('content-type')).toBe('image/webp');
    expect(await caseMedia('county.auditor', caseId)).toHaveLength(2);
    expect(await caseMedia('village.admin', caseId)).toHaveLength(2);

    // outside the area, or no part in the case: nothing, no link
    expect(await caseMedia('grid.worker2', caseId)).toEqual([]);
    expect(await caseMedia('village2.admin', caseId)).toEqual([]);
    expect(await caseMedia('resident.demo', caseId)).toEqual([]);
    expect(await caseMedia('civil.staff', caseId)).toEqual([]);
    const outsider = await gql<{ mediaAttachments: unknown[] }>('grid.worker2', 'query ($t: MediaOwnerType!, $id: ID!) { mediaAttachments(ownerType: $t, ownerId: $id) { id download { url } } }', {
      t: 'CASE',
      id: caseId,
    });
    expect(outsider.data?.mediaAttachments).toEqual([]);

    // dispatched to civil affairs: their staff see it (and its location); police staff do not
    await caseEvent('dispatched', caseId, GRID, 'system', { status: 'DISPATCHED', level: 'DEPARTMENT', assigneeDepartmentCode: 'CIVIL_AFFAIRS' });
    await ownerKnown(caseId, (row) => row.department_code === 'CIVIL_AFFAIRS');
    const civil = await caseMedia('civil.staff', caseId);
    expect(civil).toHaveLength(2);
    expect(civil[0]!.location).not.toBeNull();
    expect(await caseMedia('police.staff', caseId)).toEqual([]);
  }, 60_000);

  it('refuses attaching outside the caller\'s area, others\' uploads and unfinished ones; auditors never attach', async () => {
    const caseId = randomUUID();
    await caseEvent('reported', caseId, GRID, 'someone');
    await ownerKnown(caseId);
    const workers = await readyUpload('grid.worker2', await photo());
    expect(errorCodes(await gql('grid.worker2', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [workers] } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('county.auditor', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [workers] } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('resident.demo', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [workers] } }))).toEqual(['FORBIDDEN']);
    // grid.worker may attach to the case, but not grid.worker2's upload
    expect(errorCodes(await gql('grid.worker', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [workers] } }))).toEqual(['NOT_FOUND']);
    const unfinished = (await createUpload(uploads, await token('grid.worker'), 5000)).url!.split('/').pop()!;
    const answer = await gql('grid.worker', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [unfinished] } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uploadIds' });
    const bad = await gql('grid.worker', ATTACH, { input: { ownerType: 'CASE', ownerId: 'not-a-uuid', uploadIds: [unfinished] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await subgraph.count('select count(*) as n from media_attachment where owner_id = ?', [caseId])).toBe(0);
    // an upload attached to one case cannot move to another
    const mine = await readyUpload('grid.worker', await photo());
    expect(errorCodes(await gql('grid.worker', ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [mine] } }))).toEqual([]);
    const otherCase = randomUUID();
    await caseEvent('reported', otherCase, GRID, 'someone');
    await ownerKnown(otherCase);
    expect(errorCodes(await gql('grid.worker', ATTACH, { input: { ownerType: 'CASE', ownerId: otherCase, uploadIds: [mine] } }))).toEqual(['CONFLICT']);
  }, 60_000);

  it('a photo attached before its case is known (offline report) waits, then follows the case\'s event', async () => {
    const resident = 'resident.demo';
    const residentSub = subjectOf(await token(resident));
    const ownCase = randomUUID();
    const upload = await readyUpload(resident, await photo());
    const pending = await gql<{ attachMedia: { attachments: Array<{ state: string }> } }>(resident, ATTACH, {
      input: { ownerType: 'CASE', ownerId: ownCase, uploadIds: [upload] },
    });
    expect(pending.data?.attachMedia.attachments[0]!.state).toBe('PENDING_OWNER');
    // only the attacher sees it meanwhile, and no link is withheld from them: it is their own photo
    expect(await caseMedia(resident, ownCase)).toHaveLength(1);
    expect(await caseMedia('grid.worker', ownCase)).toEqual([]);
    // the resident's own report arrives (reported in another grid of their county): attached
    await caseEvent('reported', ownCase, OTHER_GRID, residentSub);
    await waitFor(() => subgraph.sql<{ state: string }>('select state from media_attachment where file_id = ?', [upload]), (rows) => rows[0]?.state === 'ATTACHED');
    expect(await caseMedia('grid.worker2', ownCase)).toHaveLength(1);
    const own = await caseMedia(resident, ownCase);
    expect(own).toHaveLength(1);
    expect(own[0]!.location).toBeNull(); // residents never read locations

    // someone else's case in another grid: the pending attach is refused when the event shows it
    const foreignCase = randomUUID();
    const second = await readyUpload(resident, await photo());
    await gql(resident, ATTACH, { input: { ownerType: 'CASE', ownerId: foreignCase, uploadIds: [second] } });
    await caseEvent('reported', foreignCase, OTHER_GRID, 'someone-else');
    await waitFor(() => subgraph.sql<{ state: string }>('select state from media_attachment where file_id = ?', [second]), (rows) => rows[0]?.state === 'REFUSED');
    expect(await caseMedia('grid.worker2', foreignCase)).toEqual([]);
    expect(await caseMedia(resident, foreignCase)).toEqual([]);
  }, 60_000);

  it('an attach racing its owner\'s event never stays pending (ten cases, each attached as its event arrives)', async () => {
    const worker = 'grid.worker';
    const sub = subjectOf(await token(worker));
    const uploadIds = await Promise.all(Array.from({ length: 10 }, async () => readyUpload(worker, await photo())));
    const caseIds = uploadIds.map(() => randomUUID());
    await Promise.all(
      caseIds.map(async (caseId, i) => {
        await caseEvent('reported', caseId, GRID, sub);
        expect(errorCodes(await gql(worker, ATTACH, { input: { ownerType: 'CASE', ownerId: caseId, uploadIds: [uploadIds[i]] } }))).toEqual([]);
      }),
    );
    const states = await waitFor(
      () => subgraph.sql<{ state: string }>(`select state from media_attachment where owner_id in (${caseIds.map(() => '?').join(', ')})`, caseIds),
      (rows) => rows.length === 10 && rows.every((row) => row.state === 'ATTACHED'),
    );
    expect(states).toHaveLength(10);
  }, 60_000);

  it('hazards, visits, patrols, service orders and check-ins take attachments by their own area', async () => {
    const hazardId = randomUUID();
    await publishEnvelope(subgraph.nats.url, {
      type: 'grids.hazard.reported',
      areaCode: GRID,
      actor: 'x',
      data: { hazardId, gridCode: GRID, description: 'd', severity: 'LOW', category: 'FIRE', reportedBy: 'x', reportedAt: new Date().toISOString() },
    });
    const activityId = randomUUID();
    const volunteerId = randomUUID();
    await publishEnvelope(subgraph.nats.url, {
      type: 'volunteers.activity.attended',
      areaCode: '330402001001',
      actor: 'organiser',
      data: { activityId, volunteerId, areaCode: '330402001001', kind: 'SERVICE', personId: randomUUID(), serviceMinutes: 60, attendedAt: new Date().toISOString() },
    });
    await ownerKnown(hazardId);
    await ownerKnown(`${activityId}:${volunteerId}`);
    const upload = await readyUpload('grid.worker', await photo());
    expect(errorCodes(await gql('grid.worker', ATTACH, { input: { ownerType: 'HAZARD', ownerId: hazardId, uploadIds: [upload] } }))).toEqual([]);
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Hazard { mediaAttachments { id } } ... on ActivitySignUp { mediaAttachments { id } } } }`;
    const hazard = await gql<{ _entities: Array<{ mediaAttachments: unknown[] }> }>('village.admin', query, { r: [{ __typename: 'Hazard', id: hazardId }] });
    expect(hazard.data?._entities[0]!.mediaAttachments).toHaveLength(1);
    const other = await gql<{ _entities: Array<{ mediaAttachments: unknown[] }> }>('grid.worker2', query, { r: [{ __typename: 'Hazard', id: hazardId }] });
    expect(other.data?._entities[0]!.mediaAttachments).toEqual([]);
    const checkInUpload = await readyUpload('village.admin', await photo());
    expect(
      errorCodes(await gql('village.admin', ATTACH, { input: { ownerType: 'ACTIVITY_CHECK_IN', ownerId: `${activityId}:${volunteerId}`, uploadIds: [checkInUpload] } })),
    ).toEqual([]);
    const checkIn = async (user: string) =>
      (await gql<{ _entities: Array<{ mediaAttachments: unknown[] }> }>(user, query, { r: [{ __typename: 'ActivitySignUp', activityId, volunteerId }] })).data
        ?._entities[0]!.mediaAttachments;
    expect(await checkIn('jianshe.admin')).toHaveLength(1);
    // the activity belongs to the village: a grid below it does not see it, nor another village
    expect(await checkIn('grid.worker')).toEqual([]);
    expect(await checkIn('village2.admin')).toEqual([]);
  }, 60_000);

  it('§8.3 care records take photos (proof of visit) by their grid; readers of the record read them, others not', async () => {
    const recordId = randomUUID();
    await publishEnvelope(subgraph.nats.url, {
      type: 'grids.care.recorded',
      areaCode: GRID,
      actor: 'grid-worker-sub',
      data: { recordId, gridCode: GRID, staffId: randomUUID(), staffUserId: 'grid-worker-sub', householdId: randomUUID(), kind: 'VISIT', doneAt: new Date().toISOString(), slotId: null, outsideGrid: false },
    });
    await ownerKnown(recordId);
    const upload = await readyUpload('grid.worker', await photo());
    expect(errorCodes(await gql('grid.worker', ATTACH, { input: { ownerType: 'CARE_RECORD', ownerId: recordId, uploadIds: [upload], purpose: 'OTHER' } }))).toEqual([]);
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CareRecord { mediaAttachments { id state download { url } } } } }`;
    const seen = async (user: string) =>
      (await gql<{ _entities: Array<{ mediaAttachments: Array<{ state: string; download: { url: string } | null }> }> }>(user, query, { r: [{ __typename: 'CareRecord', id: recordId }] })).data
        ?._entities[0]!.mediaAttachments;
    for (const reader of ['grid.leader', 'village.admin', 'county.auditor']) {
      expect((await seen(reader))!.map((a) => [a.state, a.download !== null])).toEqual([['ATTACHED', true]]);
    }
    expect(await seen('grid.worker2')).toEqual([]);
    const theirs = await readyUpload('grid.worker2', await photo());
    expect(errorCodes(await gql('grid.worker2', ATTACH, { input: { ownerType: 'CARE_RECORD', ownerId: recordId, uploadIds: [theirs] } }))).toEqual(['FORBIDDEN']);
  }, 60_000);
});

describe('media: retention', () => {
  it('deletes the files of cases closed longer than their county\'s period, records each deletion, keeps reopened ones', async () => {
    const worker = 'grid.worker';
    const workerSub = subjectOf(await token(worker));
    // the county admin set 330402's period to 365 days (organizations' event, copied into media)
    await publishEnvelope(subgraph.nats.url, {
      type: 'organizations.county-setting.changed',
      areaCode: '330402',
      actor: 'county-admin',
      data: { changeId: randomUUID(), countyCode: '330402', key: 'MEDIA_RETENTION', value: { closedCaseDays: 365 }, effectiveFrom: '2020-01-01', version: 1 },
    });
    await waitFor(() => subgraph.count(`select count(*) as n from county_setting_version where key = 'MEDIA_RETENTION'`), (n) => n === 1);

    const day = 86_400_000;
    const cases = { old: randomUUID(), recent: randomUUID(), reopened: randomUUID() };
    const closedAt = { old: new Date(Date.now() - 400 * day), recent: new Date(Date.now() - 200 * day), reopened: new Date(Date.now() - 4 * 365 * day) };
    const uploadsOf: Record<string, string> = {};
    for (const [name, id] of Object.entries(cases)) {
      const closed = closedAt[name as keyof typeof closedAt];
      await caseEvent('reported', id, GRID, workerSub, {}, new Date(closed.getTime() - day));
      await ownerKnown(id);
      uploadsOf[name] = await readyUpload(worker, await photo());
      expect(errorCodes(await gql(worker, ATTACH, { input: { ownerType: 'CASE', ownerId: id, uploadIds: [uploadsOf[name]] } }))).toEqual([]);
      await caseEvent('rated', id, GRID, 'system', { status: 'CLOSED' }, closed);
    }
    await caseEvent('reopened', cases.reopened, GRID, 'system', { status: 'IN_PROGRESS' }, new Date(closedAt.reopened.getTime() + day));
    await ownerKnown(cases.old, (row) => row.closed_at !== null);
    await ownerKnown(cases.recent, (row) => row.closed_at !== null);
    await ownerKnown(cases.reopened, (row) => row.status === 'IN_PROGRESS' && row.closed_at === null);
    // an upload never attached, a week and a day old
    const stray = await readyUpload(worker, await photo());
    await subgraph.sql(`update media_file set created_at = now() - interval '8 days' where id = ?`, [stray]);

    const [oldFile] = await subgraph.sql<{ object_key: string; thumbnail_key: string }>('select object_key, thumbnail_key from media_file where id = ?', [uploadsOf.old]);
    const { RetentionJob } = await import('../src/retention/retention.job.js');
    const run = await subgraph.withServices((get) => get(RetentionJob).run());
    expect(run.byReason).toMatchObject({ RETENTION: 1, UNATTACHED: 1 });

    const storage = ObjectStorage.fromEnv({ bucket: SCRATCH_BUCKET, prefix: `${prefix}media/` });
    try {
      expect(await storage.head(oldFile!.object_key)).toBeNull();
      expect(await storage.head(oldFile!.thumbnail_key)).toBeNull();
    } finally {
      storage.destroy();
    }
    const deletions = await subgraph.sql<Row>('select * from media_deletion order by reason');
    expect(deletions.map((d) => [d.file_id, d.reason, d.kept_days, d.owner_id])).toEqual([
      [uploadsOf.old, 'RETENTION', 365, cases.old],
      [stray, 'UNATTACHED', 7, null],
    ]);
    expect(deletions[0]!.object_keys).toEqual([oldFile!.object_key, oldFile!.thumbnail_key]);
    expect(new Date(deletions[0]!.since).getTime()).toBe(closedAt.old.getTime());
    expect(await subgraph.count(`select count(*) as n from outbox_event where subject = 'media.file.deleted'`)).toBe(2);
    expect((await caseMedia(worker, cases.old))[0]).toMatchObject({ status: 'DELETED', download: null, thumbnail: null });
    expect((await caseMedia(worker, cases.recent))[0]).toMatchObject({ status: 'READY' });
    expect((await caseMedia(worker, cases.reopened))[0]).toMatchObject({ status: 'READY' });
    // a second run finds nothing more
    expect((await subgraph.withServices((get) => get(RetentionJob).run())).deleted).toBe(0);
  }, 60_000);
});
