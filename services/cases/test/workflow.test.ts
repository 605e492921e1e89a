import { queryCounter } from '@lianxin/db';
import { errorCodes } from '@lianxin/testing';
import { CASE_FIELDS, type CaseView, GRID, OTHER_GRID, reportCase, startCasesApp, step, transition, XINJIA_GRID, type CasesTestApp } from './harness.js';

process.env.DATABASE_COUNT_QUERIES = 'true';

/** The case loop through GraphQL with real tokens: every transition, the refusals, history, events and scope. */
describe('cases: the loop', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await startCasesApp('cases_workflow');
  });

  afterAll(async () => {
    await t?.close();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  const history = async (caseId: string) =>
    t.sql<{ action: string; actor_user_id: string; from_status: string | null; to_status: string; from_level: string | null; to_level: string; note: string | null }>(
      'select action, actor_user_id, actor_roles, from_status, to_status, from_level, to_level, note from case_history where case_id = ? order by seq',
      [caseId],
    );
  const subjects = async (caseId: string) =>
    (await t.sql<{ subject: string }>(`select subject from outbox_event where envelope->'data'->>'caseId' = ? order by seq`, [caseId])).map(
      (row) => row.subject,
    );

  it('numbers a reported case per county and day, and starts it at the grid with a class deadline', async () => {
    const first = await reportCase(t, 'resident.demo');
    const second = await reportCase(t, 'grid.worker', { source: 'GRID_PATROL' });
    expect(first).toMatchObject({ status: 'REPORTED', level: 'GRID', source: 'RESIDENT', gridCode: GRID, version: 1 });
    expect(first.number).toMatch(/^330402-\d{8}-\d{4}$/);
    const [prefix, sequence] = [first.number.slice(0, 16), Number(first.number.slice(16))];
    expect(second.number).toBe(`${prefix}${String(sequence + 1).padStart(4, '0')}`);
    // §8.1: the grid's stage runs from the report; the case clock starts at verification.
    expect(first.dueAt).toBeNull();
    expect(new Date(first.stageDueAt!).getTime()).toBeGreaterThan(Date.now());
    expect(await history(first.id)).toEqual([
      expect.objectContaining({ action: 'REPORT', actor_user_id: t.subs['resident.demo'], from_status: null, to_status: 'REPORTED', to_level: 'GRID' }),
    ]);
    expect(await subjects(first.id)).toEqual(['cases.case.reported']);
    const [event] = await t.sql<{ envelope: { areaCode: string; data: Record<string, unknown> } }>(
      `select envelope from outbox_event where envelope->'data'->>'caseId' = ?`,
      [first.id],
    );
    expect(event.envelope.areaCode).toBe(GRID);
    expect(event.envelope.data).toMatchObject({
      caseId: first.id,
      number: first.number,
      gridCode: GRID,
      category: 'LIVELIHOOD_SERVICE',
      class: 'ORDINARY',
      source: 'RESIDENT',
      status: 'REPORTED',
      level: 'GRID',
      actor: t.subs['resident.demo'],
    });
  });

  it('runs the six-order loop: resident orders, grid verifies, village orders, township dispatches, department accepts, resident rates', async () => {
    const reported = await reportCase(t, 'resident.demo', { categoryCode: 'LIVELIHOOD_SERVICE' });
    const id = reported.id;
    expect(await step(t, 'grid.worker', 'verifyCase', { caseId: id, expectedVersion: 1 })).toMatchObject({ status: 'VERIFIED', level: 'GRID' });
    expect(await step(t, 'grid.worker', 'escalateCase', { caseId: id, reason: '需社区协调' })).toMatchObject({ status: 'ESCALATED', level: 'VILLAGE' });
    expect(await step(t, 'village.admin', 'placeOrder', { caseId: id, note: '请街道派单' })).toMatchObject({ status: 'ESCALATED', level: 'TOWNSHIP' });
    const dispatched = await step(t, 'jianshe.admin', 'dispatchCase', { caseId: id, departmentCode: 'CIVIL_AFFAIRS' });
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', level: 'DEPARTMENT', assigneeDepartmentCode: 'CIVIL_AFFAIRS' });
    expect(await step(t, 'civil.staff', 'acceptCase', { caseId: id })).toMatchObject({
      status: 'IN_PROGRESS',
      level: 'DEPARTMENT',
      assigneeUserId: t.subs['civil.staff'],
    });
    expect(await step(t, 'civil.staff', 'resolveCase', { caseId: id, result: '已安排低保复核' })).toMatchObject({
      status: 'RESOLVED',
      resolvedAtLevel: 'DEPARTMENT',
      result: '已安排低保复核',
    });
    expect(await step(t, 'grid.worker', 'feedBackCase', { caseId: id, feedback: '已上门告知办理结果' })).toMatchObject({ status: 'FED_BACK' });
    const closed = await step(t, 'resident.demo', 'rateCase', { caseId: id, rating: 'SATISFIED', comment: '很满意' });
    expect(closed).toMatchObject({ status: 'CLOSED', rating: 'SATISFIED', version: 9 });

    expect((await history(id)).map((entry) => [entry.action, entry.from_status, entry.to_status, entry.from_level, entry.to_level])).toEqual([
      ['REPORT', null, 'REPORTED', null, 'GRID'],
      ['VERIFY', 'REPORTED', 'VERIFIED', 'GRID', 'GRID'],
      ['ESCALATE', 'VERIFIED', 'ESCALATED', 'GRID', 'VILLAGE'],
      ['PLACE_ORDER', 'ESCALATED', 'ESCALATED', 'VILLAGE', 'TOWNSHIP'],
      ['DISPATCH', 'ESCALATED', 'DISPATCHED', 'TOWNSHIP', 'DEPARTMENT'],
      ['ACCEPT', 'DISPATCHED', 'IN_PROGRESS', 'DEPARTMENT', 'DEPARTMENT'],
      ['RESOLVE', 'IN_PROGRESS', 'RESOLVED', 'DEPARTMENT', 'DEPARTMENT'],
      ['FEED_BACK', 'RESOLVED', 'FED_BACK', 'DEPARTMENT', 'DEPARTMENT'],
      ['RATE', 'FED_BACK', 'CLOSED', 'DEPARTMENT', 'DEPARTMENT'],
    ]);
    expect(await subjects(id)).toEqual([
      'cases.case.reported',
      'cases.case.verified',
      'cases.case.escalated',
      'cases.case.escalated',
      'cases.case.dispatched',
      'cases.case.accepted',
      'cases.case.resolved',
      'cases.case.fed_back',
      'cases.case.rated',
    ]);
    const [rated] = await t.sql<{ envelope: { data: Record<string, unknown> } }>(
      `select envelope from outbox_event where subject = 'cases.case.rated' and envelope->'data'->>'caseId' = ?`,
      [id],
    );
    expect(rated.envelope.data).toMatchObject({ rating: 'SATISFIED', status: 'CLOSED', actor: t.subs['resident.demo'] });
  });

  it('§8.2 handles small things at once in the grid (小事立即办); the handler may not rate, a return visit by the grid leader is a proxy rating', async () => {
    const c = await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', caseClass: 'SIMPLE' });
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    expect(await step(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '已当场清理' })).toMatchObject({ status: 'RESOLVED', resolvedAtLevel: 'GRID' });
    await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已清理' });
    expect(errorCodes(await transition(t, 'grid.worker', 'rateCase', { caseId: c.id, rating: 'SATISFIED' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await transition(t, 'grid.worker', 'recordReturnVisit', { caseId: c.id, rating: 'SATISFIED', method: 'PHONE' }))).toEqual(['FORBIDDEN']);
    const rated = await step(t, 'grid.leader', 'recordReturnVisit', { caseId: c.id, rating: 'BASICALLY_SATISFIED', method: 'VISIT' });
    expect(rated).toMatchObject({ status: 'CLOSED', rating: 'BASICALLY_SATISFIED', ratingMethod: 'VISIT', ratingByProxy: true });
    const [event] = await t.sql<{ envelope: { data: Record<string, unknown> } }>(
      `select envelope from outbox_event where subject = 'cases.case.rated' and envelope->'data'->>'caseId' = ?`,
      [c.id],
    );
    expect(event.envelope.data).toMatchObject({ ratingMethod: 'VISIT', ratingByProxy: true, actor: t.subs['grid.leader'] });
  });

  it('§8.2 an unsatisfied rating reopens; only a village-or-higher reviewer who did not handle it closes it instead, with a reason', async () => {
    const c = await reportCase(t, 'resident.demo');
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    await step(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '已解释' });
    await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已反馈' });
    expect(errorCodes(await transition(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'UNSATISFIED', reopen: false }))).toEqual(['BAD_USER_INPUT']);
    const reopened = await step(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'UNSATISFIED' });
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', reopenCount: 1, ratingMethod: 'RESIDENT', ratingByProxy: false });
    expect(errorCodes(await transition(t, 'grid.leader', 'closeUnsatisfiedCase', { caseId: c.id, reason: '超出政策范围已解释' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await transition(t, 'village.admin', 'closeUnsatisfiedCase', { caseId: c.id, reason: '  ' }))).toEqual(['BAD_USER_INPUT']);
    const closed = await step(t, 'village.admin', 'closeUnsatisfiedCase', { caseId: c.id, reason: '超出政策范围，已书面解释' });
    expect(closed).toMatchObject({ status: 'CLOSED', rating: 'UNSATISFIED', reopenCount: 1, unsatisfiedCloseReason: '超出政策范围，已书面解释', result: '已解释' });
    expect(await subjects(c.id)).toContain('cases.case.unsatisfied_closed');
  });

  it('lists a case with a deadline (清单限时办) and reclassifies it at verification', async () => {
    const c = await reportCase(t, 'resident.demo', { caseClass: 'SIMPLE' });
    const verified = await step(t, 'grid.leader', 'verifyCase', { caseId: c.id, caseClass: 'MAJOR', categoryCode: 'INFRASTRUCTURE' });
    expect(verified).toMatchObject({ caseClass: 'MAJOR', categoryCode: 'INFRASTRUCTURE' });
    // §8.1: the case clock starts at verification, for the class as verified; listing never moves it.
    expect(new Date(verified.dueAt!).getTime()).toBeGreaterThan(Date.now() + 5 * 86_400_000);
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await step(t, 'grid.worker', 'scheduleCase', { caseId: c.id, dueAt: due });
    expect(scheduled).toMatchObject({ status: 'IN_PROGRESS', level: 'GRID', dueAt: verified.dueAt, stageDueAt: due, assigneeUserId: t.subs['grid.worker'] });
    const past = await transition(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '' });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'result' });
  });

  it('explains and returns a case with a required reason (解释退回办), writing nothing on bad input', async () => {
    const c = await reportCase(t, 'resident.demo');
    const before = await t.sql<{ n: string }>('select count(*) as n from case_history');
    const noReason = await transition(t, 'grid.worker', 'returnCase', { caseId: c.id, reason: '' });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await t.sql<{ n: string }>('select count(*) as n from case_history')).toEqual(before);
    const returned = await step(t, 'grid.worker', 'returnCase', { caseId: c.id, reason: '属于物业合同纠纷，已告知通过物业协商' });
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: '属于物业合同纠纷，已告知通过物业协商' });
    expect(await subjects(c.id)).toEqual(['cases.case.reported', 'cases.case.returned']);
  });

  it('lets the department send a case back to the township, which dispatches again (with an override reason when needed)', async () => {
    const c = await reportCase(t, 'resident.demo', { categoryCode: 'ENVIRONMENT' });
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    await step(t, 'grid.worker', 'escalateCase', { caseId: c.id, reason: '超出网格能力' });
    await step(t, 'village.admin', 'placeOrder', { caseId: c.id });
    const wrongDepartment = await transition(t, 'jianshe.admin', 'dispatchCase', { caseId: c.id, departmentCode: 'CIVIL_AFFAIRS' });
    expect(wrongDepartment.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departmentCode' });
    await step(t, 'jianshe.admin', 'dispatchCase', { caseId: c.id, departmentCode: 'CIVIL_AFFAIRS', overrideReason: '涉及困难群众' });
    const sentBack = await step(t, 'civil.staff', 'sendBackCase', { caseId: c.id, reason: '不属于民政职责' });
    expect(sentBack).toMatchObject({ status: 'SENT_BACK', level: 'TOWNSHIP', assigneeDepartmentCode: null });
    const again = await step(t, 'jianshe.admin', 'dispatchCase', { caseId: c.id, departmentCode: 'URBAN_MANAGEMENT' });
    expect(again).toMatchObject({ status: 'DISPATCHED', assigneeDepartmentCode: 'URBAN_MANAGEMENT' });
    expect(await subjects(c.id)).toContain('cases.case.sent_back');
  });

  it('reopens an unsatisfied case at the level that resolved it, then closes it after a second result', async () => {
    const c = await reportCase(t, 'resident.demo');
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    await step(t, 'grid.worker', 'escalateCase', { caseId: c.id, reason: '需社区出面' });
    await step(t, 'village.admin', 'resolveCase', { caseId: c.id, result: '社区已协调' });
    await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已反馈' });
    const reopened = await step(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'UNSATISFIED', comment: '问题依旧' });
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', level: 'VILLAGE', reopenCount: 1, rating: 'UNSATISFIED', resolvedAtLevel: null });
    expect(await subjects(c.id)).toEqual(expect.arrayContaining(['cases.case.rated', 'cases.case.reopened']));
    expect((await history(c.id)).at(-1)).toMatchObject({ action: 'REOPEN', from_status: 'FED_BACK', to_status: 'IN_PROGRESS', to_level: 'VILLAGE' });
    await step(t, 'village.admin', 'resolveCase', { caseId: c.id, result: '已彻底解决' });
    await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '再次反馈' });
    expect(await step(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'SATISFIED' })).toMatchObject({ status: 'CLOSED', reopenCount: 1 });
  });

  it('refuses illegal transitions with CONFLICT naming the current status', async () => {
    const c = await reportCase(t, 'resident.demo');
    const expectConflict = async (mutation: string, input: Record<string, unknown>, status: string) => {
      const response = await transition(t, 'county.admin', mutation, { caseId: c.id, ...input });
      expect(errorCodes(response)).toEqual(['CONFLICT']);
      expect(response.errors?.[0].message).toContain(`status ${status}`);
    };
    await expectConflict('resolveCase', { result: '办好了' }, 'REPORTED');
    await expectConflict('acceptCase', {}, 'REPORTED');
    await expectConflict('feedBackCase', { feedback: '反馈' }, 'REPORTED');
    expect(errorCodes(await transition(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'SATISFIED' }))).toEqual(['CONFLICT']);
    await expectConflict('placeOrder', {}, 'REPORTED');
    await expectConflict('dispatchCase', { departmentCode: 'CIVIL_AFFAIRS' }, 'REPORTED');
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    await expectConflict('verifyCase', {}, 'VERIFIED');
    await expectConflict('sendBackCase', { reason: '不归我管' }, 'VERIFIED');
    await expectConflict('placeOrder', {}, 'VERIFIED');
    await step(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '已处理' });
    await expectConflict('escalateCase', { reason: '上报' }, 'RESOLVED');
    await expectConflict('returnCase', { reason: '退回' }, 'RESOLVED');
    expect(errorCodes(await transition(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'SATISFIED' }))).toEqual(['CONFLICT']);
    const stale = await transition(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '反馈', expectedVersion: 1 });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0].message).toContain('now RESOLVED');
  });

  it('lets exactly one of two concurrent verifications through (optimistic locking)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const c = await reportCase(t, 'resident.demo');
      const responses = await Promise.all([
        transition(t, 'grid.worker', 'verifyCase', { caseId: c.id }),
        transition(t, 'grid.leader', 'verifyCase', { caseId: c.id }),
      ]);
      const succeeded = responses.filter((response) => !response.errors);
      expect(succeeded).toHaveLength(1);
      expect(responses.flatMap(errorCodes)).toEqual(['CONFLICT']);
      expect((await history(c.id)).filter((entry) => entry.action === 'VERIFY')).toHaveLength(1);
      expect(await subjects(c.id)).toEqual(['cases.case.reported', 'cases.case.verified']);
    }
  });

  it('keeps the history append-only: no mutation touches it and the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const c = await reportCase(t, 'resident.demo');
    const before = await t.sql('select * from case_history where case_id = ? order by seq', [c.id]);
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id, caseClass: 'DIFFICULT', note: '改为疑难' });
    await step(t, 'grid.worker', 'escalateCase', { caseId: c.id, reason: '上报' });
    const after = await t.sql('select * from case_history where case_id = ? order by seq', [c.id]);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 2);

    const schema = await t.ok<{ __schema: { mutationType: { fields: Array<{ name: string; args: Array<{ type: { ofType: { name: string } | null } }> }> } } }>(
      'county.admin',
      '{ __schema { mutationType { fields { name args { type { ofType { name } } } } } } }',
    );
    const mutations = schema.__schema.mutationType.fields;
    expect(mutations.filter((field) => /history/i.test(field.name))).toEqual([]);
    for (const statement of ['update case_history set note = \'rewritten\'', 'delete from case_history', 'truncate case_history']) {
      await expect(t.sql(statement)).rejects.toThrow(/append-only/);
    }
    expect(await t.sql('select * from case_history where case_id = ? order by seq', [c.id])).toEqual(after);
  });

  describe('who may do what, by role and area', () => {
    let inGrid: CaseView;
    let inOtherTownship: CaseView;

    beforeAll(async () => {
      inGrid = await reportCase(t, 'resident.demo');
      inOtherTownship = await reportCase(t, 'county.admin', { gridCode: XINJIA_GRID, source: 'RESIDENT' });
    });

    const read = (user: Parameters<CasesTestApp['gql']>[0], id: string) => t.gql(user, 'query ($id: ID!) { case(id: $id) { id } }', { id });

    it('grid workers act in their own grid only', async () => {
      expect(errorCodes(await transition(t, 'grid.worker2', 'verifyCase', { caseId: inGrid.id }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await read('grid.worker2', inGrid.id))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await transition(t, 'grid.worker', 'verifyCase', { caseId: inOtherTownship.id }))).toEqual(['NOT_FOUND']);
      const reportElsewhere = await t.gql('grid.worker', 'mutation { reportCase(input: { title: "x", description: "y", categoryCode: "OTHER", gridCode: "330402001002001" }) { case { id } } }');
      expect(errorCodes(reportElsewhere)).toEqual(['FORBIDDEN']);
      await step(t, 'grid.worker', 'verifyCase', { caseId: inGrid.id });
    });

    it('township admins act in their township only, and not below their level once it moved up', async () => {
      expect(errorCodes(await transition(t, 'jianshe.admin', 'verifyCase', { caseId: inOtherTownship.id }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await transition(t, 'xinjia.admin', 'escalateCase', { caseId: inGrid.id, reason: 'x1' }))).toEqual(['NOT_FOUND']);
      await step(t, 'grid.worker', 'escalateCase', { caseId: inGrid.id, reason: '上报社区' });
      // At the village now: the grid worker may no longer act, the village admin may.
      expect(errorCodes(await transition(t, 'grid.worker', 'resolveCase', { caseId: inGrid.id, result: '已办' }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await transition(t, 'village2.admin', 'placeOrder', { caseId: inGrid.id }))).toEqual(['NOT_FOUND']);
      await step(t, 'village.admin', 'placeOrder', { caseId: inGrid.id });
      await step(t, 'jianshe.admin', 'dispatchCase', { caseId: inGrid.id, departmentCode: 'CIVIL_AFFAIRS' });
    });

    it('department staff see and act on cases dispatched to their own department only', async () => {
      expect(errorCodes(await read('police.staff', inGrid.id))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await transition(t, 'police.staff', 'acceptCase', { caseId: inGrid.id }))).toEqual(['NOT_FOUND']);
      expect((await read('civil.staff', inGrid.id)).errors).toBeUndefined();
      const civilQueue = await t.ok<{ departmentQueue: { edges: Array<{ node: { id: string } }> } }>(
        'civil.staff',
        '{ departmentQueue(departmentCode: "CIVIL_AFFAIRS") { edges { node { id } } } }',
      );
      expect(civilQueue.departmentQueue.edges.map((edge) => edge.node.id)).toContain(inGrid.id);
      expect(errorCodes(await t.gql('police.staff', '{ departmentQueue(departmentCode: "CIVIL_AFFAIRS") { totalCount } }'))).toEqual(['FORBIDDEN']);
      await step(t, 'civil.staff', 'acceptCase', { caseId: inGrid.id });
    });

    it('residents read and rate only their own cases; auditors read without acting; volunteers see nothing', async () => {
      expect((await read('resident.demo', inGrid.id)).errors).toBeUndefined();
      expect(errorCodes(await read('resident.demo', inOtherTownship.id))).toEqual(['NOT_FOUND']);
      const own = await t.ok<{ cases: { edges: Array<{ node: { id: string; source: string } }> } }>('resident.demo', '{ cases(first: 100) { edges { node { id source } } } }');
      expect(own.cases.edges.length).toBeGreaterThan(0);
      expect(own.cases.edges.map((edge) => edge.node.id)).not.toContain(inOtherTownship.id);
      expect(errorCodes(await transition(t, 'resident.demo', 'verifyCase', { caseId: inGrid.id }))).toEqual(['FORBIDDEN']);
      expect((await read('county.auditor', inOtherTownship.id)).errors).toBeUndefined();
      expect(errorCodes(await transition(t, 'county.auditor', 'verifyCase', { caseId: inOtherTownship.id }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await read('volunteer.demo', inGrid.id))).toEqual(['NOT_FOUND']);
      // A resident's own case, rated by somebody else's resident account, is refused.
      const someoneElses = await reportCase(t, 'grid.worker', { source: 'RESIDENT' });
      await step(t, 'grid.worker', 'verifyCase', { caseId: someoneElses.id });
      await step(t, 'grid.worker', 'resolveCase', { caseId: someoneElses.id, result: '已办' });
      await step(t, 'grid.worker', 'feedBackCase', { caseId: someoneElses.id, feedback: '已反馈' });
      expect(errorCodes(await transition(t, 'resident.demo', 'rateCase', { caseId: someoneElses.id, rating: 'SATISFIED' }))).toEqual(['NOT_FOUND']);
    });

    it('county admins act anywhere in the county', async () => {
      expect(await step(t, 'county.admin', 'verifyCase', { caseId: inOtherTownship.id })).toMatchObject({ status: 'VERIFIED' });
    });
  });

  it('resolves many case references with one SQL query (DataLoader), hiding what the caller may not see', async () => {
    const cases = await Promise.all(Array.from({ length: 8 }, () => reportCase(t, 'grid.worker', { source: 'GRID_PATROL' })));
    const outside = await reportCase(t, 'county.admin', { gridCode: OTHER_GRID, source: 'RESIDENT' });
    const representations = [...cases, outside].map((c) => ({ __typename: 'Case', id: c.id }));
    // The warnings consumer (§8.4) reads these reports' events in the background; let it finish first, so only
    // the _entities request's statements are counted.
    const unprocessed = async () =>
      Number(
        (
          await t.sql<{ n: string }>(
            `select count(*) as n from outbox_event o where o.subject = 'cases.case.reported'
               and not exists (select 1 from processed_event p where p.consumer = 'cases-warnings' and p.event_id = o.id)`,
          )
        )[0].n,
      );
    for (const until = Date.now() + 15_000; (await unprocessed()) > 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await unprocessed()).toBe(0);
    queryCounter.reset();
    const response = await t.ok<{ _entities: Array<{ id: string; number: string } | null> }>(
      'grid.worker',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Case { id number } } }',
      { representations },
    );
    expect(response._entities.map((c) => c?.id ?? null)).toEqual([...cases.map((c) => c.id), null]);
    expect(queryCounter.matching('case')).toHaveLength(1);
  });

  it('lists cases newest first with opaque cursors and a filter', async () => {
    const first = await t.ok<{ cases: { edges: Array<{ node: { id: string; status: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number } }>(
      'grid.worker',
      '{ cases(first: 3, filter: { statuses: [REPORTED] }) { edges { node { id status } } pageInfo { hasNextPage endCursor } totalCount } }',
    );
    expect(first.cases.edges).toHaveLength(3);
    expect(first.cases.edges.every((edge) => edge.node.status === 'REPORTED')).toBe(true);
    const second = await t.ok<{ cases: { edges: Array<{ node: { id: string } }> } }>(
      'grid.worker',
      'query ($after: String) { cases(first: 3, after: $after, filter: { statuses: [REPORTED] }) { edges { node { id } } } }',
      { after: first.cases.pageInfo.endCursor },
    );
    const ids = [...first.cases.edges, ...second.cases.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    const detail = await t.ok<{ case: { history: Array<{ action: string }>; availableActions: string[]; grid: { code: string }; category: { nameZh: string } } }>(
      'grid.worker',
      `query ($id: ID!) { case(id: $id) { ${CASE_FIELDS} history { action } availableActions grid { code } category { nameZh } } }`,
      { id: ids[0] },
    );
    expect(detail.case).toMatchObject({ history: [{ action: 'REPORT' }], grid: { code: GRID }, category: { nameZh: '民生服务' } });
    expect(detail.case.availableActions).toEqual(['VERIFY', 'RETURN']);
  });

  it('lists cases soonest deadline first across pages, cases without a deadline last', async () => {
    const open = ['REPORTED', 'VERIFIED'];
    // One open case loses its deadline so the null ordering and its cursor are covered too.
    const [undated] = await t.sql<{ id: string }>(`select id from "case" where grid_code = ? and status = 'REPORTED' order by id limit 1`, [GRID]);
    await t.sql(`update "case" set due_at = null where id = ?`, [undated.id]);
    type Page = { cases: { edges: Array<{ node: { id: string; dueAt: string | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const seen: Array<{ id: string; dueAt: string | null }> = [];
    let after: string | null = null;
    do {
      const page: Page = await t.ok<Page>(
        'grid.worker',
        'query ($after: String, $statuses: [CaseStatus!]) { cases(first: 2, after: $after, orderBy: DUE_SOONEST, filter: { statuses: $statuses }) { edges { node { id dueAt } } pageInfo { hasNextPage endCursor } } }',
        { after, statuses: open },
      );
      seen.push(...page.cases.edges.map((edge) => edge.node));
      after = page.cases.pageInfo.hasNextPage ? page.cases.pageInfo.endCursor : null;
    } while (after);
    const [{ count }] = await t.sql<{ count: number }>(`select count(*)::int as count from "case" where grid_code = ? and status in ('REPORTED', 'VERIFIED')`, [GRID]);
    expect(seen).toHaveLength(count);
    expect(new Set(seen.map((c) => c.id)).size).toBe(count);
    const dated = seen.filter((c) => c.dueAt !== null).map((c) => Date.parse(c.dueAt!));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    // §8.1: a case gets its case clock at verification, so the reported ones are undated too: all of them last.
    const firstUndated = seen.findIndex((c) => c.dueAt === null);
    expect(seen.slice(firstUndated).every((c) => c.dueAt === null)).toBe(true);
    expect(seen.slice(firstUndated).map((c) => c.id)).toContain(undated.id);
  });
});
