import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { ormConfig } from './mikro-orm.config.js';
import { populationCounterDrift, rebuildPopulationCounters } from './population/population-counters.js';

/**
 * The population counters (population_count, population_tag_count) against the ledger:
 *   node services/people/dist/rebuild-counters.js [rebuild|check]
 * rebuild (default) recomputes them from person and person_tag, after a load that bypassed the
 * triggers or to repair; writers wait meanwhile. check lists counters that differ from a recount
 * and exits 1 when any does. The database comes from DATABASE_PREFIX / DATABASE_NAME as for migrate.
 */
const logger = pino({ name: 'people-counters' });
const command = process.argv[2] ?? 'rebuild';
if (command !== 'rebuild' && command !== 'check') {
  logger.error({ command }, 'usage: rebuild-counters.js [rebuild|check]');
  process.exit(2);
}

const config = ormConfig({ pool: { min: 0, max: 1 } });
const orm = await MikroORM.init(config);
try {
  if (command === 'rebuild') {
    logger.info({ database: config.dbName }, 'rebuilding population counters');
    const report = await rebuildPopulationCounters(orm.em.fork(), (step, elapsedMs) => logger.info({ step, elapsedMs }, 'rebuilding population counters'));
    logger.info({ database: config.dbName, ...report }, 'population counters rebuilt');
  } else {
    const started = Date.now();
    const drift = await populationCounterDrift(orm.em.fork());
    const fields = { database: config.dbName, differing: drift.length, elapsedMs: Date.now() - started };
    if (drift.length === 0) logger.info(fields, 'population counters equal a recount');
    else logger.error({ ...fields, first: drift.slice(0, 20) }, 'population counters differ from a recount: run rebuild-counters.js rebuild');
    process.exitCode = drift.length === 0 ? 0 : 1;
  }
} finally {
  await orm.close(true);
}
