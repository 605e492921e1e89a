import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { errorCodes, tokenFor } from '@lianxin/testing';
import { asUser, GATEWAY_BASE } from './gateway.js';

interface Slot { id: string; kind: string; dueDate: string; state: string; household: { id: string } }
interface DueList { staff: { name: string }; overdue: Slot[]; today: Slot[]; thisWeek: Slot[]; later: Slot[] }
interface WarningNode { id: string; rule: string; areaCode: string; level: string; status: string; count: number }

const DUE = `{ careDue { staff { name } overdue { id kind dueDate state household { id } } today { id kind dueDate state household { id } }
  thisWeek { id kind dueDate state household { id } } later { id kind dueDate state household { id } } } }`;
const WARNINGS = `query ($filter: WarningFilterInput) { warnings(filter: $filter, first: 50) { totalCount edges { node { id rule areaCode level status count } } } }`;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

/** A photo uploaded by tus through the gateway (as the phone app does); resolves with the upload id. */
async function uploadPhoto(user: string): Promise<string> {
  const data = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7a3a' } }).jpeg({ quality: 80 }).toBuffer();
  const token = await tokenFor(user);
  return new Promise((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: `${GATEWAY_BASE}/uploads`,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: 'care-visit.jpg' },
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(upload.url!.split('/').pop()!),
    });
    upload.start();
  });
}

/** Issue 19 through the gateway with real tokens: the care schedule (§8.3) and early warnings (§8.4) on the demo data. */
describe('care schedule and warnings through the gateway', () => {
  const dueList = async (user = 'grid.worker') => {
    const response = await asUser<{ careDue: DueList }>(user, DUE);
    expect(response.errors).toBeUndefined();
    return response.data!.careDue;
  };

  it('§8.3 a grid worker\'s due list: overdue care from the demo weeks, and this week\'s visits', async () => {
    const list = await dueList();
    expect(list.staff.name).toBe('周辉');
    expect(list.overdue.length).toBeGreaterThan(0);
    expect(list.overdue.every((slot) => slot.state === 'OVERDUE')).toBe(true);
    expect([...list.today, ...list.thisWeek].some((slot) => slot.kind === 'VISIT')).toBe(true);
    // The grid leader reads the worker's list by the staff id; a worker of another village may not.
    const own = await asUser<{ careDue: { staff: { id: string } } }>('grid.worker', '{ careDue { staff { id } } }');
    const staffId = own.data!.careDue.staff.id;
    const leader = await asUser<{ careDue: { staff: { name: string }; overdue: Slot[] } }>('grid.leader', 'query ($id: ID) { careDue(staffId: $id) { staff { name } overdue { id } } }', { id: staffId });
    expect(leader.data?.careDue.staff.name).toBe('周辉');
    expect(leader.data!.careDue.overdue.length).toBe(list.overdue.length);
    expect(errorCodes(await asUser('grid.worker2', 'query ($id: ID) { careDue(staffId: $id) { staff { name } } }', { id: staffId }))).toEqual(['FORBIDDEN']);
  });

  it('§8.3 a visit fulfils its week\'s slot; housework recorded outside the grid is flagged', async () => {
    const before = await dueList();
    const visit = [...before.today, ...before.thisWeek].find((slot) => slot.kind === 'VISIT')!;
    const householdId = visit.household.id;
    const recorded = await asUser<{ recordVisit: { visit: { id: string } } }>(
      'grid.worker',
      'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } } }',
      { input: { householdId, findings: '上门看望，老人身体尚好。' } },
    );
    expect(recorded.errors).toBeUndefined();
    const after = await dueList();
    expect([...after.today, ...after.thisWeek, ...after.overdue].map((slot) => slot.id)).not.toContain(visit.id);

    const care = await asUser<{ recordCare: { record: { outsideGrid: boolean | null; kind: string }; fulfilledSlot: { kind: string; state: string } | null } }>(
      'grid.worker',
      'mutation ($input: RecordCareInput!) { recordCare(input: $input) { record { kind outsideGrid } fulfilledSlot { kind state } } }',
      { input: { householdId, kind: 'HOUSEWORK', latitude: 31.5, longitude: 121.9, note: '帮忙打扫卫生' } },
    );
    expect(care.errors).toBeUndefined();
    expect(care.data!.recordCare.record).toEqual({ kind: 'HOUSEWORK', outsideGrid: true });
  });

  it('§8.3 proof of visit: photos of a care record through media, read by whoever may read the record and nobody else', async () => {
    const list = await dueList();
    const householdId = [...list.overdue, ...list.today, ...list.thisWeek, ...list.later][0]!.household.id;
    const RECORD = 'mutation ($input: RecordCareInput!) { recordCare(input: $input) { record { id kind mediaAttachments { id } } } }';
    const recorded = await asUser<{ recordCare: { record: { id: string; kind: string; mediaAttachments: unknown[] | null } } }>('grid.worker', RECORD, {
      input: { householdId, kind: 'PROBLEM_SOLVED', note: '帮助更换了漏水的水龙头（附照片）' },
    });
    expect(recorded.errors).toBeUndefined();
    const record = recorded.data!.recordCare.record;
    expect(record.mediaAttachments).toEqual([]); // the field media adds to CareRecord, through the gateway

    const ATTACH = 'mutation ($input: AttachMediaInput!) { attachMedia(input: $input) { attachments { id state } } }';
    const attached = await asUser<{ attachMedia: { attachments: Array<{ id: string }> } }>('grid.worker', ATTACH, {
      input: { ownerType: 'CARE_RECORD', ownerId: record.id, uploadIds: [await uploadPhoto('grid.worker')], purpose: 'OTHER' },
    });
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.attachMedia.attachments).toHaveLength(1);

    type Media = { mediaAttachments: Array<{ id: string; state: string; mimeType: string; download: { url: string } | null }> };
    const MEDIA = 'query ($id: ID!) { mediaAttachments(ownerType: CARE_RECORD, ownerId: $id) { id state mimeType download { url } } }';
    // Attached once media has the record's event (grids.care.recorded); before that it waits as PENDING_OWNER.
    const own = await waitFor(
      async () => (await asUser<Media>('grid.worker', MEDIA, { id: record.id })).data?.mediaAttachments ?? [],
      (attachments) => attachments.length === 1 && attachments[0]!.state === 'ATTACHED',
      30_000,
    );
    expect(own[0]!.mimeType).toBe('image/jpeg');
    const download = await fetch(own[0]!.download!.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    // Readers of the care record (care.policy.ts: grid staff, admins and auditors of the area) see it with a link …
    for (const reader of ['grid.leader', 'village.admin', 'county.auditor']) {
      const seen = await asUser<Media>(reader, MEDIA, { id: record.id });
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.mediaAttachments.map((a) => [a.id, a.state, a.download !== null])).toEqual([[own[0]!.id, 'ATTACHED', true]]);
    }
    // … staff of another village do not, and may not attach to it.
    for (const outsider of ['grid.worker2', 'village2.admin']) expect((await asUser<Media>(outsider, MEDIA, { id: record.id })).data?.mediaAttachments).toEqual([]);
    const refused = await asUser('grid.worker2', ATTACH, { input: { ownerType: 'CARE_RECORD', ownerId: record.id, uploadIds: [await uploadPhoto('grid.worker2')] } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  }, 120_000);

  it('§8.4 overdue care reaches the grid leader as a warning; demo warnings are listed for their level', async () => {
    const care = await waitFor(
      async () => (await asUser<{ warnings: { edges: Array<{ node: WarningNode }> } }>('grid.leader', WARNINGS, { filter: { rule: 'CARE_OVERDUE' } })).data?.warnings.edges ?? [],
      (edges) => edges.length > 0,
    );
    expect(care.every((edge) => edge.node.areaCode === '330402001001001' && edge.node.level === 'GRID')).toBe(true);
    const township = await asUser<{ warnings: { edges: Array<{ node: WarningNode }> } }>('jianshe.admin', WARNINGS, { filter: { rule: 'CATEGORY_RISING' } });
    expect(township.data!.warnings.edges.map((edge) => edge.node.areaCode)).toContain('330402001');
  });

  it('§8.4 a warning is acknowledged and closed by its level, refused to another village, another township and below it', async () => {
    // The test raises its own warning: three cases from one address (REPEATED_CASES, addressed to the village),
    // an address no earlier run used. A closed warning stays closed and its subject raises again only after the
    // cooldown, so the demo's warnings could be closed only once per stack, and the e2e tier runs twice against one.
    const address = `禾兴北路${Date.now().toString(36)}号 e2e`;
    const caseIds: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      const reported = await asUser<{ reportCase: { case: { id: string } } }>(
        'grid.worker',
        'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }',
        { input: { gridCode: '330402001001001', title: `同一地址第${n}次反映 e2e`, description: '楼前污水外溢', categoryCode: 'ENVIRONMENT', location: { address } } },
      );
      expect(reported.errors).toBeUndefined();
      caseIds.push(reported.data!.reportCase.case.id);
    }
    const ours = (edges: Array<{ node: WarningNode & { details: { latestCaseId?: string } } }>) => edges.map((edge) => edge.node).find((node) => node.details.latestCaseId === caseIds[2]);
    const REPEATED = 'query ($filter: WarningFilterInput) { warnings(filter: $filter, first: 50) { edges { node { id rule areaCode level status count details } } } }';
    const warning = ours(
      await waitFor(
        async () => (await asUser<{ warnings: { edges: Array<{ node: WarningNode & { details: { latestCaseId?: string } } }> } }>('village.admin', REPEATED, { filter: { rule: 'REPEATED_CASES', status: ['OPEN'] } })).data?.warnings.edges ?? [],
        (edges) => ours(edges) !== undefined,
      ),
    )!;
    expect(warning).toMatchObject({ rule: 'REPEATED_CASES', areaCode: '330402001001', level: 'VILLAGE', status: 'OPEN', count: 3 });
    // Another village and another township neither see it nor may act on it; the grid below may not either.
    for (const outsider of ['village2.admin', 'xinjia.admin']) {
      const seen = await asUser<{ warnings: { edges: Array<{ node: WarningNode }> } }>(outsider, WARNINGS, {});
      expect(seen.data!.warnings.edges.map((edge) => edge.node.id)).not.toContain(warning.id);
    }
    const ACK = 'mutation ($input: AcknowledgeWarningInput!) { acknowledgeWarning(input: $input) { warning { id status } } }';
    const CLOSE = 'mutation ($input: CloseWarningInput!) { closeWarning(input: $input) { warning { id status closeNote history { action note } } } }';
    expect(errorCodes(await asUser('xinjia.admin', ACK, { input: { id: warning.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await asUser('village2.admin', CLOSE, { input: { id: warning.id, note: '不是我们的' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await asUser('grid.leader', CLOSE, { input: { id: warning.id, note: '网格里处理' } }))).toEqual(['FORBIDDEN']); // below the level addressed
    const acknowledged = await asUser<{ acknowledgeWarning: { warning: { status: string } } }>('village.admin', ACK, { input: { id: warning.id, note: '已联系物业排查' } });
    expect(acknowledged.data?.acknowledgeWarning.warning.status).toBe('ACKNOWLEDGED');
    const closed = await asUser<{ closeWarning: { warning: { status: string; closeNote: string; history: Array<{ action: string; note: string | null }> } } }>(
      'village.admin', CLOSE, { input: { id: warning.id, note: '疏通管道，已恢复' } },
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeWarning.warning.status).toBe('CLOSED');
    expect(closed.data!.closeWarning.warning.history.map((step) => step.action)).toEqual(['RAISED', 'ACKNOWLEDGED', 'CLOSED']);
    expect(closed.data!.closeWarning.warning.closeNote).toBe('疏通管道，已恢复');
  });
});
