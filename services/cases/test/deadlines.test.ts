import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyCountySettingsEvent, CountySettingsEvents, createEnvelope } from '@lianxin/events';
import { errorCodes } from '@lianxin/testing';
import { CASES_CONFIG, type CasesConfig } from '../src/cases-config.js';
import { CaseWorkflowService } from '../src/case/case-workflow.service.js';
import { DeadlineScheduler } from '../src/supervision/deadline-scheduler.service.js';
import { SupervisionService } from '../src/supervision/supervision.service.js';
import { type CaseView, GRID, reportCase, startCasesApp, step, transition, type CasesTestApp } from './harness.js';

const DAY = 86_400_000;

/** An independent working-day count: weekdays, minus holidays, plus make-up days; due at 23:59:59 in Shanghai (UTC+8). */
function expectedDue(from: Date, workingDays: number, holidays: Set<string>, makeUp: Set<string>): string {
  let day = new Date(`${new Date(from.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  for (let counted = 0; counted < workingDays; ) {
    day = new Date(day.getTime() + DAY);
    const iso = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (makeUp.has(iso) || (!weekend && !holidays.has(iso))) counted += 1;
  }
  return `${day.toISOString().slice(0, 10)}T15:59:59.000Z`;
}

/** Deadlines on the working calendar, the scheduler (warnings, overdue escalation, supervision) and emergency mode. */
describe('cases: deadlines and supervision', () => {
  let t: CasesTestApp;
  let scheduler: DeadlineScheduler;

  beforeAll(async () => {
    t = await startCasesApp('cases_deadlines');
    scheduler = t.app.get(DeadlineScheduler);
  });

  afterAll(async () => {
    await t?.close();
  });

  const caseRow = async (id: string) =>
    (await t.sql<{ status: string; level: string; overdue: boolean; due_at: string; stage_due_at: string; stage_overruns: number; version: number }>('select * from "case" where id = ?', [id]))[0];
  const historyOf = (id: string) =>
    t.sql<{ action: string; actor_user_id: string; from_level: string; to_level: string }>('select * from case_history where case_id = ? order by seq', [id]);
  const eventCount = async (subject: string, caseId: string) =>
    Number(
      (await t.sql<{ n: string }>(`select count(*) as n from outbox_event where subject = ? and envelope->'data'->>'caseId' = ?`, [subject, caseId]))[0].n,
    );

  it('sets due times of 1, 3, 7, 15 and 30 working days by class, skipping holidays and counting make-up days', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000);
    const iso = (offset: number) => new Date(today.getTime() + offset * DAY).toISOString().slice(0, 10);
    const holidays = new Set([iso(1), iso(2), iso(3), iso(20)]);
    const saturdays = Array.from({ length: 14 }, (_, i) => iso(i + 1)).filter((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === 6);
    const makeUp = new Set([saturdays[0]]);
    // Issue 15: the calendar comes from organizations (national base + county overrides), copied here from its events.
    const calendarEvent = (scope: string, day: string, kind: string | null, version: number) =>
      (t.app.get(MikroORM).em.fork() as unknown as EntityManager).transactional((em) =>
        applyCountySettingsEvent(createEnvelope({ type: CountySettingsEvents.CALENDAR_DAY_CHANGED, areaCode: '', actor: 'test', data: { scope, day, kind, name: '测试', version } }), em),
      );
    for (const day of holidays) await calendarEvent('NATIONAL', day, 'HOLIDAY', 1);
    // A county override: the make-up Saturday is 南湖区's; another county's override changes nothing here.
    await calendarEvent('330402', saturdays[0], 'MAKE_UP_WORKDAY', 1);
    await calendarEvent('330411', iso(4), 'HOLIDAY', 1);
    // Issue 15: the older one-calendar-for-all mutations are no county admin's any more.
    expect(errorCodes(await t.gql('county.admin', `mutation { setCalendarDay(input: { day: "${iso(5)}", kind: HOLIDAY, name: "x" }) { calendarDay { day } } }`))).toEqual(['FORBIDDEN']);
    for (const [caseClass, days] of [['SIMPLE', 1], ['ORDINARY', 3], ['MAJOR', 7], ['DIFFICULT', 15], ['CROSS_REGION', 30]] as const) {
      const reported = await reportCase(t, 'grid.worker', { caseClass, source: 'GRID_PATROL' });
      const before = new Date();
      // §8.1: the case clock starts when the grid verifies the case.
      const c = await step(t, 'grid.worker', 'verifyCase', { caseId: reported.id });
      expect([caseClass, reported.dueAt, c.dueAt]).toEqual([caseClass, null, expectedDue(before, days, holidays, makeUp)]);
    }
    await t.sql(`insert into holiday (day, kind, name) values (?, 'HOLIDAY', '旧表假日')`, [iso(40)]);
    expect(errorCodes(await t.gql('county.admin', `mutation { removeCalendarDay(input: { day: "${iso(40)}" }) { calendarDay { day } } }`))).toEqual(['FORBIDDEN']);
    await t.sql('delete from holiday where day = ?', [iso(40)]);
    for (const day of holidays) await calendarEvent('NATIONAL', day, null, 2);
    await calendarEvent('330402', saturdays[0], null, 2);
    await calendarEvent('330411', iso(4), null, 2);
  });

  it('lets the county set deadlines per class and category; the most specific rule wins', async () => {
    const set = (input: Record<string, unknown>) =>
      t.ok<{ setDeadlineRule: { rule: { id: string } } }>('county.admin', 'mutation ($input: SetDeadlineRuleInput!) { setDeadlineRule(input: $input) { rule { id } } }', { input });
    const countyWide = await set({ areaCode: '330402', caseClass: 'ORDINARY', workingDays: 5 });
    const forDisputes = await set({ areaCode: '330402', caseClass: 'ORDINARY', categoryCode: 'DISPUTE', workingDays: 2 });
    const before = new Date();
    const verified = async (categoryCode: string) =>
      step(t, 'grid.worker', 'verifyCase', { caseId: (await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', categoryCode })).id });
    const livelihood = await verified('LIVELIHOOD_SERVICE');
    const dispute = await verified('DISPUTE');
    expect(livelihood.dueAt).toBe(expectedDue(before, 5, new Set(), new Set()));
    expect(dispute.dueAt).toBe(expectedDue(before, 2, new Set(), new Set()));
    const outside = await t.gql('county.admin', 'mutation { setDeadlineRule(input: { areaCode: "330411", caseClass: SIMPLE, workingDays: 2 }) { rule { id } } }');
    expect(errorCodes(outside)).toEqual(['FORBIDDEN']);
    const township = await t.gql('jianshe.admin', 'mutation { setDeadlineRule(input: { areaCode: "330402", caseClass: SIMPLE, workingDays: 2 }) { rule { id } } }');
    expect(errorCodes(township)).toEqual(['FORBIDDEN']);
    for (const rule of [countyWide, forDisputes]) {
      await t.ok('county.admin', 'mutation ($input: RemoveDeadlineRuleInput!) { removeDeadlineRule(input: $input) { rule { id } } }', {
        input: { id: rule.setDeadlineRule.rule.id },
      });
    }
  });

  it('§8.1 reads the county\'s clock settings in force when the case starts (calendar days, stage limits); a case keeps the rule it started under', async () => {
    const verified = async () => step(t, 'grid.worker', 'verifyCase', { caseId: (await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', caseClass: 'ORDINARY' })).id });
    const before = await verified();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const setting = (key: string, value: unknown) =>
      t.sql(`insert into county_setting_version (change_id, county_code, key, effective_from, version, value) values (?, '330402', ?, ?, 1, ?::jsonb)`, [
        randomUUID(),
        key,
        today,
        JSON.stringify(value),
      ]);
    await setting('CASE_DAY_COUNTING', { mode: 'CALENDAR_DAYS' });
    await setting('CASE_STAGE_LIMITS', { GRID: 1, VILLAGE: 4, TOWNSHIP: 3, DEPARTMENT: 5 });
    try {
      const after = await verified();
      // Three calendar days from today, whatever the weekday.
      expect(after.dueAt).toBe(`${new Date(Date.parse(`${today}T00:00:00Z`) + 3 * DAY).toISOString().slice(0, 10)}T15:59:59.000Z`);
      const rules = await t.sql<{ id: string; clock_rule: { dayCounting: string; stageDays: Record<string, number> } }>(
        'select id, clock_rule from "case" where id in (?, ?)',
        [before.id, after.id],
      );
      const ruleOf = (id: string) => rules.find((row) => row.id === id)!.clock_rule;
      expect(ruleOf(before.id)).toMatchObject({ dayCounting: 'WORKING_DAYS', stageDays: { VILLAGE: 2 } });
      expect(ruleOf(after.id)).toMatchObject({ dayCounting: 'CALENDAR_DAYS', stageDays: { VILLAGE: 4 } });
      // The older case goes on under its own rule: the village gets its 2 working days, not 4 calendar days.
      const escalated = await step(t, 'grid.worker', 'escalateCase', { caseId: before.id, reason: '上报' });
      expect(escalated.dueAt).toBe(before.dueAt);
      expect(Date.parse(escalated.stageDueAt!)).toBeLessThanOrEqual(Date.parse(expectedDue(new Date(), 2, new Set(), new Set())));
    } finally {
      await t.sql(`delete from county_setting_version where county_code = '330402'`);
    }
  });

  it('warns once before the deadline', async () => {
    const reported = await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', caseClass: 'SIMPLE' });
    const c = await step(t, 'grid.worker', 'verifyCase', { caseId: reported.id });
    const due = new Date(c.dueAt!);
    await scheduler.runOnce(new Date(due.getTime() - 30 * 3_600_000));
    expect(await eventCount('cases.case.deadline_warning', c.id)).toBe(0);
    await scheduler.runOnce(new Date(due.getTime() - 2 * 3_600_000));
    await scheduler.runOnce(new Date(due.getTime() - 1 * 3_600_000));
    expect(await eventCount('cases.case.deadline_warning', c.id)).toBe(1);
    expect((await caseRow(c.id)).version).toBe(c.version);
  });

  it('§8.1 marks an overdue case, escalates it one level as the system, opens a supervision — once per missed clock; the case clock never restarts', async () => {
    const reported = await reportCase(t, 'resident.demo', { caseClass: 'SIMPLE' });
    const c = await step(t, 'grid.worker', 'verifyCase', { caseId: reported.id });
    const late = new Date(new Date(c.dueAt!).getTime() + 3_600_000);
    await scheduler.runOnce(late);
    const row = await caseRow(c.id);
    expect(row).toMatchObject({ status: 'ESCALATED', level: 'VILLAGE', overdue: true, stage_overruns: 1 });
    expect(new Date(row.due_at).toISOString()).toBe(c.dueAt);
    expect(new Date(row.stage_due_at).getTime()).toBeGreaterThan(late.getTime());
    const [overrun] = await t.sql<{ level: string; holder_user_id: string }>('select * from case_stage_overrun where case_id = ?', [c.id]);
    expect(overrun).toMatchObject({ level: 'GRID', holder_user_id: t.subs['grid.worker'] });
    expect((await historyOf(c.id)).at(-1)).toMatchObject({ action: 'OVERDUE_ESCALATE', actor_user_id: 'system', from_level: 'GRID', to_level: 'VILLAGE' });
    expect(await eventCount('cases.case.overdue', c.id)).toBe(1);
    expect(await eventCount('cases.case.escalated', c.id)).toBe(1);
    expect(await eventCount('cases.case.supervised', c.id)).toBe(1);
    const supervisions = await t.ok<{ case: { supervisions: Array<{ supervisorUserId: string; automatic: boolean }> } }>(
      'village.admin',
      'query ($id: ID!) { case(id: $id) { supervisions { supervisorUserId automatic } } }',
      { id: c.id },
    );
    expect(supervisions.case.supervisions).toEqual([{ supervisorUserId: 'system', automatic: true }]);

    await scheduler.runOnce(late);
    expect((await historyOf(c.id)).filter((entry) => entry.action === 'OVERDUE_ESCALATE')).toHaveLength(1);
    // The village's missed stage limit moves it up once more, charged to the village; the case clock stays.
    await scheduler.runOnce(new Date(new Date(row.stage_due_at).getTime() + 3_600_000));
    expect(await caseRow(c.id)).toMatchObject({ level: 'TOWNSHIP', stage_overruns: 2 });
    expect(new Date((await caseRow(c.id)).due_at).toISOString()).toBe(c.dueAt);
    expect(await eventCount('cases.case.overdue', c.id)).toBe(1);
    expect(await eventCount('cases.case.stage_overrun', c.id)).toBe(2);
    const stats = await t.sql<{ overdue: number }>(`select overdue from case_daily_stat where area_code = ? and overdue > 0`, [GRID]);
    expect(stats.length).toBeGreaterThan(0);
  });

  it('only marks and supervises an overdue case at the county, the top level', async () => {
    const c = await reportCase(t, 'resident.demo');
    await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
    await step(t, 'grid.worker', 'escalateCase', { caseId: c.id, reason: '上报' });
    await step(t, 'village.admin', 'placeOrder', { caseId: c.id });
    const atCounty = await step(t, 'jianshe.admin', 'escalateCase', { caseId: c.id, reason: '需区级协调' });
    expect(atCounty.level).toBe('COUNTY');
    await scheduler.runOnce(new Date(new Date(atCounty.dueAt!).getTime() + 60_000));
    expect(await caseRow(c.id)).toMatchObject({ level: 'COUNTY', status: 'ESCALATED', overdue: true });
    expect((await historyOf(c.id)).at(-1)).toMatchObject({ action: 'MARK_OVERDUE', actor_user_id: 'system' });
    expect(await eventCount('cases.case.supervised', c.id)).toBe(1);
  });

  it('never escalates twice when two scheduler replicas run at the same time', async () => {
    const cases: CaseView[] = [];
    for (let i = 0; i < 24; i += 1) cases.push(await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', caseClass: 'SIMPLE' }));
    const config: CasesConfig = { ...t.app.get<CasesConfig>(CASES_CONFIG), schedulerBatchSize: 4 };
    const replica = () => new DeadlineScheduler(t.app.get(MikroORM), t.app.get(CaseWorkflowService), t.app.get(SupervisionService), config);
    // §8.1: not verified yet, so only the grid's stage runs.
    const late = new Date(Math.max(...cases.map((c) => new Date(c.stageDueAt!).getTime())) + 3_600_000);
    const reports = await Promise.all([replica().runOnce(late), replica().runOnce(late), replica().runOnce(late)]);
    expect(reports.reduce((sum, report) => sum + report.escalated, 0)).toBeGreaterThanOrEqual(cases.length);
    for (const c of cases) {
      const escalations = (await historyOf(c.id)).filter((entry) => entry.action === 'OVERDUE_ESCALATE');
      expect(escalations).toHaveLength(1);
      expect(await caseRow(c.id)).toMatchObject({ level: 'VILLAGE', version: 2 });
      expect(await eventCount('cases.case.supervised', c.id)).toBe(1);
    }
  });

  it('lets admins supervise and the handler reply, once', async () => {
    const c = await reportCase(t, 'resident.demo');
    const outsider = await t.gql('xinjia.admin', 'mutation ($input: SuperviseCaseInput!) { superviseCase(input: $input) { supervision { id } } }', {
      input: { caseId: c.id, instruction: '请尽快办理' },
    });
    expect(errorCodes(outsider)).toEqual(['NOT_FOUND']);
    const supervised = await t.ok<{ superviseCase: { supervision: { id: string; version: number; supervisorUserId: string } } }>(
      'jianshe.admin',
      'mutation ($input: SuperviseCaseInput!) { superviseCase(input: $input) { supervision { id version supervisorUserId } } }',
      { input: { caseId: c.id, instruction: '请三天内办结并回复' } },
    );
    const { id, version } = supervised.superviseCase.supervision;
    expect(supervised.superviseCase.supervision.supervisorUserId).toBe(t.subs['jianshe.admin']);
    const reply = (user: Parameters<CasesTestApp['gql']>[0]) =>
      t.gql<{ replySupervision: { supervision: { reply: string; repliedByUserId: string } } }>(
        user,
        'mutation ($input: ReplySupervisionInput!) { replySupervision(input: $input) { supervision { reply repliedByUserId } } }',
        { input: { supervisionId: id, reply: '已上门核实，明天办结', expectedVersion: version } },
      );
    expect(errorCodes(await reply('grid.worker2'))).toEqual(['NOT_FOUND']);
    const replied = await reply('grid.worker');
    expect(replied.data?.replySupervision.supervision).toEqual({ reply: '已上门核实，明天办结', repliedByUserId: t.subs['grid.worker'] });
    expect(errorCodes(await reply('grid.worker'))).toEqual(['CONFLICT']);
    const open = await t.ok<{ supervisions: { edges: Array<{ node: { id: string } }> } }>('jianshe.admin', '{ supervisions(unrepliedOnly: true, first: 100) { edges { node { id } } } }');
    expect(open.supervisions.edges.map((edge) => edge.node.id)).not.toContain(id);
  });

  it('goes flat in an emergency: escalations jump to the county, members are notified, and closing restores normal service', async () => {
    const declared = await t.ok<{ declareEmergency: { emergency: { id: string; active: boolean } } }>(
      'jianshe.admin',
      'mutation ($input: DeclareEmergencyInput!) { declareEmergency(input: $input) { emergency { id active } } }',
      { input: { areaCode: '330402001', title: '台风防汛', description: '启动防汛应急响应', memberUserIds: [t.subs['grid.worker'], t.subs['village.admin']] } },
    );
    const emergencyId = declared.declareEmergency.emergency.id;
    expect(declared.declareEmergency.emergency.active).toBe(true);
    const notified = await t.sql<{ subject: string; user_id: string | null }>(
      `select subject, envelope->'data'->>'userId' as user_id from outbox_event where envelope->'data'->>'emergencyId' = ? order by seq`,
      [emergencyId],
    );
    expect(notified.map((row) => row.subject)).toEqual(['cases.emergency.declared', 'cases.emergency.member_notified', 'cases.emergency.member_notified']);
    expect(notified.slice(1).map((row) => row.user_id).sort()).toEqual([t.subs['grid.worker'], t.subs['village.admin']].sort());

    const during = await reportCase(t, 'resident.demo');
    await step(t, 'grid.worker', 'verifyCase', { caseId: during.id });
    expect(await step(t, 'grid.worker', 'escalateCase', { caseId: during.id, reason: '险情' })).toMatchObject({ level: 'COUNTY' });

    const elsewhere = await t.gql('xinjia.admin', 'mutation ($input: CloseEmergencyInput!) { closeEmergency(input: $input) { emergency { id } } }', {
      input: { emergencyId },
    });
    expect(errorCodes(elsewhere)).toEqual(['FORBIDDEN']);
    await t.ok('jianshe.admin', 'mutation ($input: CloseEmergencyInput!) { closeEmergency(input: $input) { emergency { active } } }', {
      input: { emergencyId, note: '险情解除' },
    });
    const after = await reportCase(t, 'resident.demo');
    await step(t, 'grid.worker', 'verifyCase', { caseId: after.id });
    expect(await step(t, 'grid.worker', 'escalateCase', { caseId: after.id, reason: '上报' })).toMatchObject({ level: 'VILLAGE' });
    const again = await transition(t, 'grid.worker', 'verifyCase', { caseId: after.id });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });
});
