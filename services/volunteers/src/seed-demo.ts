import { FlushMode, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { demoUuid, VOLUNTEER_DEMO_PERSON_KEY } from './demo/demo-ids.js';
import { DemoSeeder } from './demo/demo-seeder.js';
import { AwardService } from './points/award.service.js';
import { LedgerService } from './points/ledger.service.js';
import { Volunteer } from './volunteer/volunteer.entity.js';

/**
 * Loads the demo county's volunteers (about 300 persons of people's demo population, party members
 * among them, and volunteer.demo in 禾兴社区), teams, double reports, service orders in every state,
 * activities, points ledgers over the last five months and a redemption catalogue. All or nothing in
 * one transaction; a second run finds volunteer.demo's record and stops, so it is safe to run again.
 * Demo history is written directly: no events go out for it.
 */
process.env.VOLUNTEERS_SCHEDULER_INTERVAL_MS = '0';
const logger = pino({ name: 'volunteers-seed', level: process.env.LOG_LEVEL ?? 'info' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
try {
  const em = orm.em.fork() as EntityManager;
  if (await em.findOne(Volunteer, { id: demoUuid('volunteer', VOLUNTEER_DEMO_PERSON_KEY) })) {
    logger.info({ step: 'volunteers', written: 0 }, 'demo volunteers already loaded; nothing to do');
  } else {
    // Thousands of new entities stay managed until the end: flushing before every query would recompute them each time.
    await em.transactional((tx) => new DemoSeeder(tx, app.get(AwardService), app.get(LedgerService), logger, new Date()).run(), { flushMode: FlushMode.COMMIT });
    const totals = await em.execute<Array<{ what: string; n: string }>>(
      `select 'volunteers' as what, count(*) as n from volunteer union all select 'orders', count(*) from service_order
       union all select 'activities', count(*) from activity union all select 'postings', count(*) from ledger_posting
       union all select 'accounts', count(*) from point_account where person_id is not null`,
    );
    logger.info(Object.fromEntries(totals.map((row) => [row.what, Number(row.n)])), 'volunteers demo data loaded');
  }
} finally {
  await app.close();
}
