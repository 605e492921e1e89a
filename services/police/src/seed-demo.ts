import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { ormConfig } from './mikro-orm.config.js';
import { PoliceRecord } from './record/record.entity.js';

/** A few demo records on the demo grids; safe to run again. */
const logger = pino({ name: 'police-seed' });
const orm = await MikroORM.init(ormConfig());
try {
  const em = orm.em.fork();
  const grids = ['330402001001001', '330402001001002', '330402001002001'];
  let created = 0;
  for (const gridCode of grids) {
    if (await em.count(PoliceRecord, { gridCode })) continue;
    em.create(PoliceRecord, { gridCode, title: 'Police demo record', occurredAt: new Date(), recordedBy: 'system' });
    created += 1;
  }
  await em.flush();
  logger.info({ created }, 'police demo data loaded');
} finally {
  await orm.close();
}
