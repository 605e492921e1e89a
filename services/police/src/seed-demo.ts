import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { DEMO_OFFICERS, DEMO_PATROLS, DEMO_POSTING_DAYS_AGO } from './demo-data.js';
import { CommunityOfficer } from './officer/officer.entity.js';
import { OfficerService } from './officer/officer.service.js';
import { PolicePatrol } from './patrol/patrol.entity.js';
import { PatrolService } from './patrol/patrol.service.js';

const DAY_MS = 24 * 60 * 60_000;

/** A day this many days back at the hour (Beijing time), whole hours so reruns describe the same patrol. */
function daysAgoAt(daysAgo: number, hour: number): Date {
  const date = new Date(Date.now() - daysAgo * DAY_MS);
  const beijing = new Date(date.getTime() + 8 * 60 * 60_000);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(), hour - 8));
}

/**
 * Loads the demo officers and patrols through the services (so events go out as for any change).
 * Safe to run again: a grid that already has an officer and a patrol already on its route are skipped.
 */
const logger = pino({ name: 'police-seed' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
try {
  await RequestContext.create(orm.em, async () => {
    const em = orm.em;
    const officers = app.get(OfficerService);
    let createdOfficers = 0;
    for (const [index, officer] of DEMO_OFFICERS.entries()) {
      if (!(await em.findOne(CommunityOfficer, { gridCode: officer.gridCode, assignedUntil: null }))) {
        await officers.assign('system', { ...officer, assignedFrom: daysAgoAt(DEMO_POSTING_DAYS_AGO, 9) });
        createdOfficers += 1;
      }
      logger.info({ step: 'officers', done: index + 1, total: DEMO_OFFICERS.length }, 'seeding community officers');
    }
    const patrols = app.get(PatrolService);
    let createdPatrols = 0;
    for (const [index, patrol] of DEMO_PATROLS.entries()) {
      if (!(await em.findOne(PolicePatrol, { gridCode: patrol.gridCode, route: patrol.route }))) {
        const officer = await em.findOne(CommunityOfficer, { gridCode: patrol.gridCode, assignedUntil: null });
        await patrols.record('system', {
          gridCode: patrol.gridCode,
          route: patrol.route,
          findings: patrol.findings ?? undefined,
          patrolledAt: daysAgoAt(patrol.daysAgo, patrol.hour),
          officerId: officer?.id,
        });
        createdPatrols += 1;
      }
      logger.info({ step: 'patrols', done: index + 1, total: DEMO_PATROLS.length }, 'seeding police patrols');
    }
    logger.info({ createdOfficers, createdPatrols }, 'police demo data loaded');
  });
} finally {
  await app.close();
}
