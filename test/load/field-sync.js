// bench: targets=apollo p95=2000
//
// Issue 17 — a day of field work arriving from offline phones, with photos: WORKERS (100) grid workers each
// send their day — ITEMS (20: 10 visits, 4 hazards, 4 patrols, 2 case reports, recorded over the working
// day) as one syncFieldWork batch, then PHOTOS (3) photos of it as resumable tus uploads through the
// gateway's /uploads (test/load/fixtures/field-photo.jpg: a 1600×1200 JPEG of 462 KiB with EXIF GPS, as a
// phone app sends after its own downscaling), attached with attachMedia to the day's case reports and
// hazards. The workers start spread evenly over WINDOW (1m).
//
// Then, in the same run (REPLAY=1, the default), every worker replays its whole day as a phone that never
// saw the answers would: the same batch (same keys), HEAD on each of its upload URLs (a tus client resumes
// from there: a finished upload sends no byte again) and the same attachMedia calls. The replay must
// create nothing: every item ALREADY_APPLIED with the first ids, no byte re-sent, the same attachment ids,
// each owner still with exactly the photos attached to it, and the county's counts (visits, hazards,
// cases) unchanged between the count after the day (`middle`, once the events have settled) and the count
// at the end (teardown).
//
//   k6 run test/load/field-sync.js                  # day + replay (RUN_ID: a fresh one)
//   k6 run -e RUN_ID=day1 -e REPLAY=0 …             # the day only; running RUN_ID=day1 again replays the
//                                                    # items (not the photos: a new process has no upload URLs)
//
// Reported: items/s and upload MB/s over the day (first to last request of it), p95 per item (batch ÷
// items), p95 per photo (POST + PATCH, through processing), p95 of a worker's whole day, and the replay's
// figures. The 100 workers are devices of the demo county's three grid-staff accounts (keys are per
// account and derived from RUN_ID, worker and item, so they stay distinct).
import exec from 'k6/execution';
import http from 'k6/http';
import { check, sleep } from 'k6';
import encoding from 'k6/encoding';
import { Counter, Gauge, Trend } from 'k6/metrics';
import { currentToken, setupTokens } from './lib/auth.js';
import { GRAPHQL_URL, PROBE, durationSeconds } from './lib/config.js';
import { graphql } from './lib/graphql.js';
import { summaryHandler, thresholds } from './lib/scenario.js';

const WORKERS = PROBE ? 1 : Number(__ENV.WORKERS || 100);
/** The window the workers' days start in. */
const WINDOW = __ENV.WINDOW || '1m';
const WINDOW_S = durationSeconds(WINDOW);
const ITEMS = Number(__ENV.ITEMS || 20);
const PHOTOS = Number(__ENV.PHOTOS || 3);
const REPLAY = __ENV.REPLAY !== '0';
const RUN_ID = __ENV.RUN_ID || `run-${Date.now().toString(36)}`;
const STAFF = (__ENV.USERS || 'grid.worker,grid.worker2,grid.leader').split(',');
/** The day the work was done: today (UTC) from 01:00, a few minutes apart, so always in the past here. */
const DAY = __ENV.DAY || new Date().toISOString().slice(0, 10);
const UPLOADS_URL = __ENV.UPLOADS_URL || GRAPHQL_URL.replace(/\/graphql$/, '/uploads');
const PHOTO = open(__ENV.PHOTO || './fixtures/field-photo.jpg', 'b');
const PHOTO_BYTES = PHOTO.byteLength;
/** A batch of 20 writes on a busy machine may take longer than a read's 10 s. */
const WRITE_TIMEOUT = __ENV.WRITE_TIMEOUT || '60s';

/** Phases: the day (workers start over WINDOW, each may take up to DAY_GRACE), the settled count, the replay. */
const DAY_GRACE_S = Number(__ENV.DAY_GRACE_S || 60);
const MIDDLE_AT_S = WINDOW_S + DAY_GRACE_S + 5;
const MIDDLE_MAX_S = 40;
const REPLAY_AT_S = MIDDLE_AT_S + MIDDLE_MAX_S + 5;

const SYNC = `mutation SyncFieldWork($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) {
  created alreadyApplied rejected results { status kind visit { id } patrol { id } hazard { id } caseId error { code field reason } }
} }`;
const ATTACH = `mutation AttachMedia($input: AttachMediaInput!) { attachMedia(input: $input) { attachments { id state } } }`;
const OWNER_MEDIA = `query OwnerMedia($type: MediaOwnerType!, $id: ID!) { mediaAttachments(ownerType: $type, ownerId: $id) { id } }`;
const GRID_OF = `query MyGrid($code: String!) { grid(code: $code) { code households(first: 50) { edges { node { id } } } keyPlaces(first: 10) { edges { node { id } } } } }`;
const COUNTS = `query FieldCounts { visits(first: 1, filter: { areaCode: "330402" }) { totalCount } hazards(first: 1, filter: { areaCode: "330402" }) { totalCount } cases(first: 1, filter: { areaCode: "330402" }) { totalCount } }`;

// The day
const itemsCreated = new Counter('items_created');
const itemsAlreadyApplied = new Counter('items_already_applied');
const itemsRejected = new Counter('items_rejected');
const itemMs = new Trend('item_ms', true);
const batchMs = new Trend('batch_ms', true);
const photoMs = new Trend('photo_ms', true);
const workerDayMs = new Trend('worker_day_ms', true);
const uploadBytes = new Counter('upload_bytes');
const photosReady = new Counter('photos_ready');
const photosFailed = new Counter('photos_failed');
const attachmentsMade = new Counter('attachments_made');
const dayAt = new Gauge('day_request_at');
const uploadAt = new Gauge('upload_at');
const dayLateMs = new Gauge('day_late_ms');
// Counts
const countsAt = { before: new Gauge('count_before'), middle: new Gauge('count_middle'), after: new Gauge('count_after') };
const visitsAdded = new Gauge('visits_added');
const hazardsAdded = new Gauge('hazards_added');
const casesAdded = new Gauge('cases_added');
// The replay
const replayItemsNotAlreadyApplied = new Counter('replay_items_not_already_applied');
const replayIdsChanged = new Counter('replay_ids_changed');
const replayBytesResent = new Counter('replay_bytes_resent');
const replayUploadsNotFinished = new Counter('replay_uploads_not_finished');
const replayNewAttachments = new Counter('replay_new_attachments');
const ownersWithExtraAttachments = new Counter('owners_with_extra_attachments');
const replayItemMs = new Trend('replay_item_ms', true);
const replayWorkers = new Counter('replay_workers');

const dayScenario = { executor: 'per-vu-iterations', vus: WORKERS, iterations: 1, maxDuration: `${WINDOW_S + DAY_GRACE_S}s`, gracefulStop: '0s', exec: 'day' };
export const options = {
  scenarios: PROBE
    ? { probe: { ...dayScenario, maxDuration: '120s' } }
    : {
        day: dayScenario,
        middle: { executor: 'shared-iterations', vus: 1, iterations: 1, startTime: `${MIDDLE_AT_S}s`, maxDuration: `${MIDDLE_MAX_S}s`, gracefulStop: '0s', exec: 'middle' },
        ...(REPLAY ? { replay: { executor: 'per-vu-iterations', vus: WORKERS, iterations: 1, startTime: `${REPLAY_AT_S}s`, maxDuration: '180s', gracefulStop: '0s', exec: 'replay' } } : {}),
      },
  // A batch of 20 writes and photo uploads, not one read: the shared 100 ms p95 does not apply (P95_MS overrides 5000).
  thresholds: {
    ...thresholds(),
    'http_req_duration{kind:graphql}': [`p(95)<${Number(__ENV.P95_MS || 5000)}`],
    items_rejected: ['count==0'],
    photos_failed: ['count==0'],
    ...(REPLAY && !PROBE
      ? {
          replay_items_not_already_applied: ['count==0'],
          replay_ids_changed: ['count==0'],
          replay_bytes_resent: ['count==0'],
          replay_new_attachments: ['count==0'],
          owners_with_extra_attachments: ['count==0'],
        }
      : {}),
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  setupTimeout: '60s',
  teardownTimeout: '90s',
};

function counts(token) {
  const data = graphql(COUNTS, {}, { token, kind: 'setup', name: 'counts' });
  if (!data) throw new Error('counting failed');
  return { visits: data.visits.totalCount, hazards: data.hazards.totalCount, cases: data.cases.totalCount };
}

/** Counts until two readings 2 s apart agree (events still arriving: every hazard becomes a case), at most `seconds`. */
function settledCounts(token, seconds) {
  let last = counts(token);
  for (let waited = 0; waited < seconds; waited += 2) {
    sleep(2);
    const next = counts(token);
    if (next.visits === last.visits && next.hazards === last.hazards && next.cases === last.cases) return next;
    last = next;
  }
  return last;
}

export function setup() {
  const tokens = setupTokens(STAFF);
  const admin = setupTokens(['county.admin'])[0];
  const grids = tokens.map((entry) => {
    const code = areaOf(entry.token);
    const data = graphql(GRID_OF, { code }, { token: entry.token, kind: 'setup', name: 'grid' });
    if (!data || !data.grid) throw new Error(`grid ${code} of ${entry.username} not readable`);
    return { code, households: data.grid.households.edges.map((edge) => edge.node.id), keyPlaces: data.grid.keyPlaces.edges.map((edge) => edge.node.id) };
  });
  const before = counts(admin.token);
  return { tokens, grids, runId: RUN_ID, workers: WORKERS, photosPerWorker: PHOTOS, photoBytes: PHOTO_BYTES, startedAt: Date.now(), before, _admin: admin };
}

/** The grid of a grid staff account: its token's area_code. */
function areaOf(token) {
  return JSON.parse(encoding.b64decode(token.split('.')[1], 'rawurl', 's')).area_code;
}

/** One worker's day: deterministic from RUN_ID, worker and item number (a replay sends the same). */
function dayOf(worker, grid) {
  const at = (minutes) => new Date(Date.parse(`${DAY}T01:00:00Z`) + (worker % 60) * 1000 + minutes * 60_000).toISOString();
  const key = (i) => `${RUN_ID}-w${worker}-i${i}`;
  const items = [];
  for (let i = 0; i < ITEMS; i += 1) {
    const slot = i % 10;
    if (slot < 5 || (grid.keyPlaces.length === 0 && slot < 8)) {
      items.push({ visit: { householdId: grid.households[(worker + i) % grid.households.length], findings: `走访 ${worker}-${i}`, idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else if (slot < 7 || (grid.keyPlaces.length === 0 && slot < 9)) {
      items.push({ hazard: { gridCode: grid.code, description: `隐患 ${worker}-${i}`, severity: 'LOW', category: 'OTHER', idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else if (slot < 9 && grid.keyPlaces.length > 0) {
      items.push({ patrol: { keyPlaceId: grid.keyPlaces[(worker + i) % grid.keyPlaces.length], notes: `巡查 ${worker}-${i}`, hazards: [], idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else {
      items.push({ caseReport: { title: `现场事项 ${worker}-${i}`, description: '负载测试：现场发现的事项', categoryCode: 'LIVELIHOOD_SERVICE', gridCode: grid.code, idempotencyKey: key(i), occurredAt: at(i * 20) } });
    }
  }
  return items;
}

const idOf = (result) => (result.visit && result.visit.id) || (result.hazard && result.hazard.id) || (result.patrol && result.patrol.id) || result.caseId || null;

/** The owners the photos go to: the day's case reports and hazards, in item order. */
function ownersOf(results) {
  const owners = [];
  for (const result of results) {
    if (result.status === 'REJECTED') continue;
    if (result.kind === 'CASE_REPORT' && result.caseId) owners.push({ type: 'CASE', id: result.caseId });
    if (result.kind === 'HAZARD' && result.hazard) owners.push({ type: 'HAZARD', id: result.hazard.id });
  }
  return owners;
}

function tusHeaders(token, extra) {
  return Object.assign({ Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' }, extra);
}

/** A tus upload as a phone's client makes it: POST (create), PATCH (all bytes). The upload URL, or null. */
function uploadPhoto(token, name) {
  const started = Date.now();
  const created = http.post(UPLOADS_URL, null, {
    headers: tusHeaders(token, { 'Upload-Length': String(PHOTO_BYTES), 'Upload-Metadata': `filename ${encoding.b64encode(name)}` }),
    tags: { kind: 'upload', name: 'tus-create' },
    timeout: '30s',
  });
  const location = created.headers.Location || created.headers.location;
  if (created.status !== 201 || !location) {
    photosFailed.add(1);
    console.warn(`tus create: HTTP ${created.status} ${String(created.body).slice(0, 200)}`);
    return null;
  }
  uploadAt.add(Date.now());
  const patched = http.patch(location, PHOTO, {
    headers: tusHeaders(token, { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }),
    tags: { kind: 'upload', name: 'tus-patch' },
    timeout: '60s',
  });
  uploadAt.add(Date.now());
  const ready = patched.status === 204 && (patched.headers['Media-Status'] || patched.headers['media-status']) === 'READY';
  check(patched, { 'photo stored (204 READY)': () => ready }, { kind: 'upload' });
  if (!ready) {
    photosFailed.add(1);
    console.warn(`tus patch: HTTP ${patched.status} ${String(patched.body).slice(0, 200)}`);
    return null;
  }
  uploadBytes.add(PHOTO_BYTES);
  photosReady.add(1);
  photoMs.add(Date.now() - started);
  return location;
}

/** attachMedia per owner; the attachment ids by owner. */
function attachAll(token, owners, uploads, name) {
  const byOwner = {};
  uploads.forEach((upload, p) => {
    if (!upload || owners.length === 0) return;
    const owner = owners[p % owners.length];
    const key = `${owner.type}:${owner.id}`;
    (byOwner[key] = byOwner[key] || { owner, uploadIds: [] }).uploadIds.push(upload.split('/').pop());
  });
  const attached = {};
  for (const [key, { owner, uploadIds }] of Object.entries(byOwner)) {
    const data = graphql(ATTACH, { input: { ownerType: owner.type, ownerId: owner.id, uploadIds, purpose: 'REPORT' } }, { token, name, timeout: WRITE_TIMEOUT, expect: (d) => d.attachMedia.attachments.length === uploadIds.length });
    attached[key] = data ? data.attachMedia.attachments.map((attachment) => attachment.id).sort() : [];
  }
  return attached;
}

/** What this VU did in the day, for its replay (k6 keeps a VU's globals across its scenarios). */
const done = [];

export function day(data) {
  const worker = exec.vu.idInTest - 1;
  // Start times spread evenly over the window, as phones coming back into coverage.
  if (!PROBE) sleep((worker % WORKERS) * (WINDOW_S / WORKERS));
  const index = worker % data.tokens.length;
  const token = () => currentToken(data.tokens[index]);
  const items = dayOf(worker, data.grids[index]);
  const started = Date.now();
  dayAt.add(started);
  const result = graphql(SYNC, { input: { items } }, { token: token(), timeout: WRITE_TIMEOUT, expect: (d) => d.syncFieldWork.results.length === items.length });
  const ms = Date.now() - started;
  batchMs.add(ms);
  if (!result) return;
  const sync = result.syncFieldWork;
  for (let i = 0; i < items.length; i += 1) itemMs.add(ms / items.length);
  itemsCreated.add(sync.created);
  itemsAlreadyApplied.add(sync.alreadyApplied);
  itemsRejected.add(sync.rejected);
  if (sync.rejected > 0) console.warn(`rejected: ${JSON.stringify(sync.results.filter((r) => r.status === 'REJECTED').slice(0, 2))}`);
  const uploads = [];
  for (let p = 0; p < PHOTOS; p += 1) uploads.push(uploadPhoto(token(), `${RUN_ID}-w${worker}-p${p}.jpg`));
  const owners = ownersOf(sync.results);
  const attached = attachAll(token(), owners, uploads, 'AttachMedia');
  for (const ids of Object.values(attached)) attachmentsMade.add(ids.length);
  dayAt.add(Date.now());
  workerDayMs.add(Date.now() - started);
  // A day still running when the middle count starts would make the replay look like it added rows.
  const late = Date.now() - (data.startedAt + MIDDLE_AT_S * 1000);
  if (late > 0) dayLateMs.add(late);
  done.push({ worker, index, items, ids: sync.results.map(idOf), uploads, owners, attached });
}

export function middle(data) {
  const settled = settledCounts(data._admin.token, MIDDLE_MAX_S - 6);
  countsAt.middle.add(settled.visits + settled.hazards + settled.cases);
  visitsAdded.add(settled.visits - data.before.visits);
  hazardsAdded.add(settled.hazards - data.before.hazards);
  casesAdded.add(settled.cases - data.before.cases);
}

export function replay(data) {
  for (const entry of done) {
    replayWorkers.add(1);
    const token = () => currentToken(data.tokens[entry.index]);
    const started = Date.now();
    const result = graphql(SYNC, { input: { items: entry.items } }, { token: token(), name: 'SyncFieldWorkReplay', timeout: WRITE_TIMEOUT, expect: (d) => d.syncFieldWork.results.length === entry.items.length });
    if (!result) continue;
    const results = result.syncFieldWork.results;
    for (let i = 0; i < results.length; i += 1) replayItemMs.add((Date.now() - started) / results.length);
    replayItemsNotAlreadyApplied.add(results.filter((r) => r.status !== 'ALREADY_APPLIED').length);
    replayIdsChanged.add(results.filter((r, i) => idOf(r) !== entry.ids[i]).length);
    // A tus client with the upload URLs asks where each stands before sending: finished means nothing to send.
    for (const upload of entry.uploads) {
      if (!upload) continue;
      const head = http.head(upload, { headers: tusHeaders(token()), tags: { kind: 'upload', name: 'tus-head' }, timeout: '30s' });
      const offset = Number(head.headers['Upload-Offset'] || head.headers['upload-offset']);
      if (head.status !== 200 || offset !== PHOTO_BYTES) {
        replayUploadsNotFinished.add(1);
        replayBytesResent.add(PHOTO_BYTES - (Number.isFinite(offset) ? offset : 0));
      }
    }
    const again = attachAll(token(), entry.owners, entry.uploads, 'AttachMediaReplay');
    for (const [key, ids] of Object.entries(again)) {
      const first = entry.attached[key] || [];
      replayNewAttachments.add(ids.filter((id) => !first.includes(id)).length);
      const [type, id] = key.split(':');
      const listed = graphql(OWNER_MEDIA, { type, id }, { token: token(), name: 'OwnerMedia' });
      const count = listed && listed.mediaAttachments ? listed.mediaAttachments.length : 0;
      if (count > first.length) ownersWithExtraAttachments.add(1);
    }
  }
}

export default day;

export function teardown(data) {
  if (PROBE || !REPLAY) {
    const after = settledCounts(data._admin.token, 30);
    visitsAdded.add(after.visits - data.before.visits);
    hazardsAdded.add(after.hazards - data.before.hazards);
    casesAdded.add(after.cases - data.before.cases);
    return;
  }
  const after = settledCounts(data._admin.token, 30);
  countsAt.after.add(after.visits + after.hazards + after.cases);
  countsAt.before.add(data.before.visits + data.before.hazards + data.before.cases);
  // Rows the replay added: count_after − count_middle, in the summary (the two gauges come from two scenarios).
}

export const handleSummary = summaryHandler('field-sync', {
  extras: [
    'items_created', 'items_already_applied', 'items_rejected', 'item_ms', 'batch_ms', 'photo_ms', 'worker_day_ms', 'upload_bytes',
    'photos_ready', 'photos_failed', 'attachments_made', 'visits_added', 'hazards_added', 'cases_added', 'day_late_ms',
    'replay_workers', 'replay_item_ms', 'replay_items_not_already_applied', 'replay_ids_changed', 'replay_bytes_resent',
    'replay_uploads_not_finished', 'replay_new_attachments', 'owners_with_extra_attachments', 'count_middle', 'count_after',
  ],
  augment(result, d) {
    const value = (name, field = 'value') => (d.metrics[name] ? d.metrics[name].values[field] : null);
    const created = value('items_created', 'count') || 0;
    const already = value('items_already_applied', 'count') || 0;
    const daySeconds = Math.max(1, ((value('day_request_at', 'max') || 0) - (value('day_request_at', 'min') || 0)) / 1000);
    const uploadSeconds = Math.max(1, ((value('upload_at', 'max') || 0) - (value('upload_at', 'min') || 0)) / 1000);
    const bytes = value('upload_bytes', 'count') || 0;
    const middleCount = value('count_middle');
    const afterCount = value('count_after');
    const replayRows = middleCount !== null && afterCount !== null ? afterCount - middleCount : null;
    result.rate = PROBE ? null : WORKERS;
    result.durationS = Math.round(daySeconds);
    result.itemsPerSecond = Math.round(((created + already) / daySeconds) * 10) / 10;
    result.uploadMBps = Math.round((bytes / 1e6 / uploadSeconds) * 100) / 100;
    result.rowsAddedByReplay = replayRows;
    if (REPLAY && !PROBE) {
      // The replay created nothing: no row, no byte, no attachment (the thresholds hold the per-item checks).
      result.replayCreatedNothing = replayRows === 0 && result.thresholdsOk;
      if (replayRows !== 0) result.thresholdsOk = false;
    }
    const p95 = (name) => (d.metrics[name] ? d.metrics[name].values['p(95)'] : null);
    const ms = (v) => (v === null ? '-' : `${v.toFixed(0)} ms`);
    result.note =
      `run ${RUN_ID}: ${created} items created, ${already} already applied, ${result.itemsPerSecond} items/s (first to last request of the day); ` +
      `${value('photos_ready', 'count') || 0} photos, ${(bytes / 1e6).toFixed(1)} MB, ${result.uploadMBps} MB/s uploaded; ` +
      `p95 per item ${ms(p95('item_ms'))}, per photo ${ms(p95('photo_ms'))}, per worker-day ${ms(p95('worker_day_ms'))}` +
      (REPLAY && !PROBE
        ? `; replay of ${value('replay_workers', 'count') || 0} workers: rows added ${replayRows}, items not ALREADY_APPLIED ${value('replay_items_not_already_applied', 'count') || 0}, ` +
          `ids changed ${value('replay_ids_changed', 'count') || 0}, bytes re-sent ${value('replay_bytes_resent', 'count') || 0}, new attachments ${value('replay_new_attachments', 'count') || 0}, ` +
          `owners with extra attachments ${value('owners_with_extra_attachments', 'count') || 0}, p95 per item ${ms(p95('replay_item_ms'))}`
        : '');
  },
});
