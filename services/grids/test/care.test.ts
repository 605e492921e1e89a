import { errorCodes } from '@lianxin/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GRIDS, personId, startGridsHarness, type GridsHarness } from './harness.js';

const HOUSEHOLD = '30000000-0000-4000-8000-000000000001';
const UNCOVERED = '30000000-0000-4000-8000-000000000002';
const ELDER = personId(901);

const DUE = `query ($staffId: ID) { careDue(staffId: $staffId) { asOf staff { name } overdue { id kind dueDate state household { id } }
  today { id kind dueDate state } thisWeek { id kind dueDate state } later { id kind windowStart dueDate state } } }`;

interface Slot { id: string; kind: string; dueDate: string; state: string }
interface DueList { asOf: string; staff: { name: string }; overdue: Slot[]; today: Slot[]; thisWeek: Slot[]; later: Slot[] }

/** §8.3 care schedule in the grids subgraph: people's care tags → slots → due list → fulfilment → overdue care. */
describe('grids subgraph: care schedule (§8.3)', () => {
  let h: GridsHarness;
  let workerStaffId: string;

  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const open = (list: DueList) => [...list.overdue, ...list.today, ...list.thisWeek, ...list.later];

  beforeAll(async () => {
    h = await startGridsHarness('grids_care');
    const [worker] = await h.sql<{ id: string }>(`select id from grid_staff where grid_code = ? and role = 'FULL_TIME'`, [GRIDS.own]);
    workerStaffId = worker.id;
    const { CoverageService } = await import('../src/coverage/coverage.service.js');
    const { CareTagsConsumer } = await import('../src/care/care-tags.consumer.js');
    await h.withServices(async (get) => {
      await get(CoverageService).assign('system', { householdId: HOUSEHOLD, staffId: workerStaffId });
      const em = get<EntityManager>(await import('@mikro-orm/postgresql').then((m) => m.EntityManager));
      // people.person.care_tags as people publishes it (the consumer's handler, in a transaction).
      await em.fork().transactional((tx) =>
        get(CareTagsConsumer).handle(
          {
            id: 'e-1', type: 'people.person.care_tags', occurredAt: new Date().toISOString(), areaCode: GRIDS.own, actor: 'system', schemaVersion: 1,
            data: { personId: ELDER, householdId: HOUSEHOLD, gridCode: GRIDS.own, tags: ['LIVING_ALONE_ELDERLY'], birthday: null, version: 1 },
          },
          tx,
        ),
      );
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('§8.3 a tagged household gets its household slots (visit, housework, problem solved); the worker sees them in the due list', async () => {
    const kinds = await h.sql<{ kind: string }>(`select distinct kind::text from care_slot where household_id = ? order by 1`, [HOUSEHOLD]);
    expect(kinds.map((row) => row.kind)).toEqual(['HOUSEWORK', 'PROBLEM_SOLVED', 'VISIT']); // no birthday known
    const response = await h.gql<{ careDue: DueList }>('gridWorker', DUE);
    expect(response.errors).toBeUndefined();
    const list = response.data!.careDue;
    expect(list.asOf).toBe(today());
    expect(list.staff.name).toBe('周辉');
    const visit = open(list).find((slot) => slot.kind === 'VISIT')!;
    expect(['DUE_TODAY', 'DUE_THIS_WEEK']).toContain(visit.state);
    expect(open(list).map((slot) => slot.kind).sort()).toEqual(['HOUSEWORK', 'PROBLEM_SOLVED', 'VISIT']);
  });

  it('§8.3 a visit fulfils the week\'s visit slot; a second one the same week fulfils nothing more', async () => {
    const record = () =>
      h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', 'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } } }', {
        input: { householdId: HOUSEHOLD, findings: '老人身体尚好。' },
      });
    expect((await record()).errors).toBeUndefined();
    expect((await record()).errors).toBeUndefined();
    const fulfilled = await h.sql<{ kind: string; fulfilled_by: string }>(`select kind::text, fulfilled_by from care_slot where household_id = ? and fulfilled_at is not null`, [HOUSEHOLD]);
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0].kind).toBe('VISIT');
    expect(fulfilled[0].fulfilled_by).toMatch(/^visit:/);
    const list = (await h.gql<{ careDue: DueList }>('gridWorker', DUE)).data!.careDue;
    expect(open(list).map((slot) => slot.kind).sort()).toEqual(['HOUSEWORK', 'PROBLEM_SOLVED']);
  });

  it('§8.3 proof of visit: housework recorded outside the grid boundary is flagged, not refused, and fulfils its slot', async () => {
    const RECORD = 'mutation ($input: RecordCareInput!) { recordCare(input: $input) { record { id kind outsideGrid latitude longitude } fulfilledSlot { kind state } } }';
    const outside = await h.gql<{ recordCare: { record: { outsideGrid: boolean }; fulfilledSlot: { kind: string; state: string } } }>('gridWorker', RECORD, {
      input: { householdId: HOUSEHOLD, kind: 'HOUSEWORK', latitude: 30.9, longitude: 120.9, note: '帮老人打扫卫生。' },
    });
    expect(outside.errors).toBeUndefined();
    expect(outside.data!.recordCare.record.outsideGrid).toBe(true);
    expect(outside.data!.recordCare.fulfilledSlot).toEqual({ kind: 'HOUSEWORK', state: 'FULFILLED' });
    const inside = await h.gql<{ recordCare: { record: { outsideGrid: boolean }; fulfilledSlot: null } }>('gridWorker', RECORD, {
      input: { householdId: HOUSEHOLD, kind: 'HOUSEWORK', latitude: 30.755, longitude: 120.755 },
    });
    expect(inside.data!.recordCare.record.outsideGrid).toBe(false);
    expect(inside.data!.recordCare.fulfilledSlot).toBeNull(); // this month's housework is already done
    // Bad input: half a place, a household without a schedule here; nothing written.
    const before = await h.count('select count(*) as n from care_record');
    expect(errorCodes(await h.gql('gridWorker', RECORD, { input: { householdId: HOUSEHOLD, kind: 'VISIT', latitude: 30.7 } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await h.gql('gridWorker', RECORD, { input: { householdId: UNCOVERED, kind: 'VISIT' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await h.count('select count(*) as n from care_record')).toBe(before);
  });

  it('issue 17: care recorded offline and sent twice with its idempotencyKey is one record, one event, the first answer (slot included) again', async () => {
    const RECORD = 'mutation ($input: RecordCareInput!) { recordCare(input: $input) { record { id } fulfilledSlot { id kind } } }';
    const input = { householdId: HOUSEHOLD, kind: 'PROBLEM_SOLVED', note: '修好了水龙头。', idempotencyKey: 'care-key-000001' };
    const records = await h.count('select count(*) as n from care_record');
    const events = await h.count("select count(*) as n from outbox_event where subject = 'grids.care.recorded'");
    type Answer = { recordCare: { record: { id: string }; fulfilledSlot: { id: string; kind: string } | null } };
    const [a, b] = await Promise.all([h.gql<Answer>('gridWorker', RECORD, { input }), h.gql<Answer>('gridWorker', RECORD, { input })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data!.recordCare).toEqual(a.data!.recordCare);
    expect(await h.count('select count(*) as n from care_record')).toBe(records + 1);
    expect(await h.count("select count(*) as n from outbox_event where subject = 'grids.care.recorded'")).toBe(events + 1);
  });

  it('§8.3 missed care goes overdue once and raises grids.care.overdue for the covering worker', async () => {
    const { CareService } = await import('../src/care/care.service.js');
    const { CareScheduler } = await import('../src/care/care.scheduler.js');
    const { addDays } = await import('../src/care/care-schedule.js');
    // The schedule as it was three weeks ago: those weeks' visits were never made.
    await h.withServices(async (get) => {
      const em = get<EntityManager>(await import('@mikro-orm/postgresql').then((m) => m.EntityManager));
      await em.fork().transactional((tx) => get(CareService).writeSchedule(tx, HOUSEHOLD, addDays(today(), -21)));
    });
    const list = (await h.gql<{ careDue: DueList }>('gridWorker', DUE)).data!.careDue;
    expect(list.overdue.length).toBeGreaterThanOrEqual(3);
    expect(list.overdue.every((slot) => slot.state === 'OVERDUE' && slot.dueDate < today())).toBe(true);

    const first = await h.withServices(async (get) => get(CareScheduler).runOnce());
    expect(first.raised).toBe(list.overdue.length);
    const events = await h.sql<{ envelope: { data: { staffId: string; gridCode: string; slots: unknown[] } } }>(
      `select envelope from outbox_event where subject = 'grids.care.overdue'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].envelope.data).toMatchObject({ staffId: workerStaffId, gridCode: GRIDS.own });
    expect(events[0].envelope.data.slots).toHaveLength(list.overdue.length);
    expect((await h.withServices(async (get) => get(CareScheduler).runOnce())).raised).toBe(0);
  });

  it('§8.3 the county setting CARE_CADENCES decides the cadence (organizations\' copy in grids)', async () => {
    const { CareService } = await import('../src/care/care.service.js');
    const other = '30000000-0000-4000-8000-000000000003';
    // The county made the visit for living-alone elderly monthly, from today (as organizations.county-setting.changed leaves it).
    await h.sql(
      `insert into county_setting_version (change_id, county_code, key, effective_from, version, value) values (gen_random_uuid(), '330402', 'CARE_CADENCES', ?, 1, ?::jsonb)`,
      [today(), JSON.stringify({ tags: { LIVING_ALONE_ELDERLY: { HOME_VISIT: 'MONTHLY', HOUSEWORK: null, PROBLEM_SOLVED: null, BIRTHDAY_VISIT: null } } })],
    );
    await h.withServices(async (get) => {
      const em = get<EntityManager>(await import('@mikro-orm/postgresql').then((m) => m.EntityManager));
      await em.fork().transactional(async (tx) => {
        await tx.getConnection().execute(`insert into care_subject (person_id, household_id, grid_code, tags, birthday, version, updated_at) values (?, ?, ?, '{LIVING_ALONE_ELDERLY}', '03-01', 1, now())`, [personId(902), other, GRIDS.own]);
        await get(CareService).writeSchedule(tx, other, today());
      });
    });
    const slots = await h.sql<{ kind: string; window_start: string; due_date: string }>(
      `select kind::text, to_char(window_start, 'YYYY-MM-DD') as window_start, to_char(due_date, 'YYYY-MM-DD') as due_date from care_slot where household_id = ? order by window_start`,
      [other],
    );
    expect(new Set(slots.map((slot) => slot.kind))).toEqual(new Set(['VISIT']));
    expect(slots.every((slot) => slot.window_start.endsWith('-01'))).toBe(true); // calendar months, not weeks
    await h.sql(`delete from county_setting_version where key = 'CARE_CADENCES'`);
  });

  it('§8.3 scope: the grid leader reads the worker\'s list; a worker of another village may not', async () => {
    const leader = await h.gql<{ careDue: DueList }>('gridLeader', DUE, { staffId: workerStaffId });
    expect(leader.errors).toBeUndefined();
    expect(leader.data!.careDue.staff.name).toBe('周辉');
    expect(errorCodes(await h.gql('gridWorker2', DUE, { staffId: workerStaffId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('resident', DUE))).toEqual(['FORBIDDEN']);
  });
});
