import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { recordEvent } from '@lianxin/events';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { CASES_CONFIG, type CasesConfig } from './cases-config.js';
import { CaseHistory } from './case/case-history.entity.js';
import { caseEventData } from './case/case-workflow.service.js';
import { Case, CaseLocation } from './case/case.entity.js';
import { CaseCategory } from './category/case-category.entity.js';
import { DEFAULT_COUNTY_CLOCK } from './clock/clock.rules.js';
import { CaseStageOverrun } from './clock/stage-overrun.entity.js';
import { DeadlineRule } from './deadline/deadline-rule.entity.js';
import { DeadlineService } from './deadline/deadline.service.js';
import { addDays, localDay } from './deadline/local-time.js';
import { workingDaysFor } from './deadline/working-calendar.js';
import { CaseEvents } from './events/case-events.js';
import { generateDemoCases } from './demo/demo-cases.js';
import { demoUuid } from './demo/demo-ids.js';
import { seedDemoWarnings } from './demo/demo-warnings.js';
import { rebuildStats } from './stats/stats-recorder.js';
import { Supervision } from './supervision/supervision.entity.js';

/**
 * Loads about six months of demo cases for 南湖区 (330402): 3,000 cases in every state, walked through
 * the state machine, with their history, supervisions and recomputed counters. All or nothing in one
 * transaction, and a second run finds the first case and stops, so it is safe to run again. Demo
 * history is written directly: no events go out for it.
 */
const COUNTY = '330402';
const CASE_COUNT = Number(process.env.CASES_DEMO_COUNT ?? 3_000);
const CHUNK = 250;

// The scheduler must not run while the past is being written.
process.env.CASES_SCHEDULER_INTERVAL_MS = '0';
const logger = pino({ name: 'cases-seed', level: process.env.LOG_LEVEL ?? 'info' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
const config = app.get<CasesConfig>(CASES_CONFIG);
try {
  const em = orm.em.fork() as EntityManager;
  if (await em.findOne(Case, { id: demoUuid('case', '0') })) {
    logger.info({ step: 'cases', done: 0, total: 0 }, 'demo cases already loaded; nothing to do');
  } else {
    const now = new Date();
    const categories = await em.find(CaseCategory, {});
    const rules = await em.find(DeadlineRule, { areaCode: COUNTY });
    const today = localDay(now, config.timeZone);
    const calendar = await app.get(DeadlineService).calendar(em, addDays(today, -400), addDays(today, 400));
    const offsets = new Map(
      (await em.execute<Array<{ county_code: string; day: string; last_value: number }>>(`select county_code, day::text as day, last_value from case_number_counter`)).map(
        (row) => [`${row.county_code}|${row.day}`, Number(row.last_value)],
      ),
    );
    const cases = generateDemoCases({
      count: CASE_COUNT,
      now,
      timeZone: config.timeZone,
      departmentsByCategory: new Map(categories.map((category) => [category.code, category.departmentCodes])),
      // §8.1: the county's clock settings (defaults until it sets its own) and its DeadlineRule per class and category.
      clockRule: (caseClass, categoryCode) => ({ ...DEFAULT_COUNTY_CLOCK, classDays: workingDaysFor(rules, COUNTY, categoryCode, caseClass) }),
      calendar: { exceptions: calendar, timeZone: config.timeZone },
      numberOffsets: offsets,
    });
    logger.info({ step: 'generate', cases: cases.length, history: cases.reduce((sum, c) => sum + c.history.length, 0) }, 'demo cases generated');

    await em.transactional(async (tx) => {
      for (let start = 0; start < cases.length; start += CHUNK) {
        for (const demo of cases.slice(start, start + CHUNK)) {
          const { history, supervisions, location, stageOverrunRecords, ...fields } = demo;
          tx.create(Case, { ...fields, location: Object.assign(new CaseLocation(), location), attachments: [], createdAt: demo.reportedAt, updatedAt: history.at(-1)!.at });
          for (const entry of history) tx.create(CaseHistory, { caseId: demo.id, ...entry });
          for (const overrun of stageOverrunRecords) tx.create(CaseStageOverrun, { caseId: demo.id, gridCode: demo.gridCode, ...overrun });
          for (const supervision of supervisions) {
            tx.create(Supervision, { caseId: demo.id, gridCode: demo.gridCode, ...supervision, updatedAt: supervision.repliedAt ?? supervision.createdAt });
          }
        }
        await tx.flush();
        tx.clear();
        logger.info({ step: 'cases', done: Math.min(start + CHUNK, cases.length), total: cases.length }, 'writing demo cases');
      }
      // Numbering goes on after the demo's last number of each day.
      await tx.execute(
        `insert into case_number_counter (county_code, day, last_value)
         select left(number, 6), to_date(substr(number, 8, 8), 'YYYYMMDD'), max(substr(number, 17)::int) from "case" group by 1, 2
         on conflict (county_code, day) do update set last_value = greatest(case_number_counter.last_value, excluded.last_value)`,
        [],
        'run',
      );
      // The version counts the changes a case went through, one history entry each (inserts start at 1).
      await tx.execute(
        `update "case" c set version = h.n from (select case_id, count(*) as n from case_history group by case_id) h
         where h.case_id = c.id and c.version = 1 and h.n > 1`,
        [],
        'run',
      );
    });
    // The demo writes no steps, so no events: the cases departments hold are announced once each, for
    // the copies other services keep (people lets a department read the reporters of its cases, §8.8).
    // The outbox relay publishes them when the service starts.
    const held = await em.fork().find(Case, { assigneeDepartmentCode: { $ne: null } });
    await em.fork().transactional(async (tx) => {
      for (const c of held) recordEvent(tx, { type: CaseEvents.SNAPSHOT, areaCode: c.gridCode, actor: 'system', data: caseEventData(c, 'system') });
    });
    logger.info({ step: 'snapshots', done: held.length, total: held.length }, 'announcing the cases departments hold');
    logger.info({ step: 'stats' }, 'recomputing summary counters');
    await rebuildStats(orm.em.fork() as EntityManager, config.timeZone);
    const byStatus = await em.execute<Array<{ status: string; n: string }>>(`select status, count(*) as n from "case" group by status order by status`);
    logger.info({ byStatus: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)])) }, 'cases demo data loaded');
  }
  const warnings = await seedDemoWarnings(app, orm.em.fork() as EntityManager);
  logger.info({ step: 'warnings', done: warnings, total: warnings }, 'demo warnings raised');
} finally {
  await app.close();
}
