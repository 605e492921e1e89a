import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPlan, SCALES, type ScaleName } from './area-plan.ts';
import { TIME_ZONE, todayInZone } from './context.ts';
import { connectionFromEnv, databaseName, lastRunFile, runSql } from './copy-sink.ts';
import { dropIndexes, planIndexes, restoreIndexes, type IndexPlan } from './indexes.ts';
import { formatDuration, ProgressBoard, type WorkerMessage } from './progress.ts';

/**
 * Loads a county (or one township) into the scale databases (lianxin_scale_<service>), which
 * seed-scale.sh has just recreated and migrated:
 *   node tools/scale/seed-scale.ts --scale county|township [--seed 1] [--as-of YYYY-MM-DD] [--keep-indexes]
 *
 * Two lanes run side by side (the machine has two cores): organizations → grids → people → their
 * indexes, and cases (with the grids' hazards) → counters → their indexes. Then ANALYZE, the time
 * per table and the size of each database. Progress goes to stderr, the summary to stdout (JSON)
 * and to .lianxin/scale/last-run.json (last-run.<prefix>.json for another DATABASE_PREFIX).
 *
 * Volunteers and points (load-volunteers.ts) and star ratings and staff assessments
 * (load-assessments.ts) come last in the first lane, once people are indexed and the cases loaded:
 * they read party members, verifications and case histories from those databases. They run when
 * their service is built (seed-scale.sh passes the built services in LIANXIN_SERVICES).
 * A new loader is a `load-<service>.ts` exporting `(context) => Promise<void>` (see load-grids.ts),
 * registered in loader.ts, its big tables listed in BIG_TABLES and its lane step added below.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'as-of': { type: 'string' },
    'keep-indexes': { type: 'boolean', default: false },
  },
});
if (!values.scale || !(values.scale in SCALES) || !/^\d+$/.test(values.seed!)) {
  console.error('usage: seed-scale.ts --scale county|township [--seed N] [--as-of YYYY-MM-DD] [--keep-indexes]');
  process.exit(2);
}
const scale = values.scale as ScaleName;
const seed = Number(values.seed);
const asOfDay = values['as-of'] ?? todayInZone();
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfDay) || asOfDay > todayInZone()) {
  console.error(`--as-of must be a day (YYYY-MM-DD) not after today, got ${asOfDay}`);
  process.exit(2);
}

/** Tables whose indexes come off during the load (the small ones keep theirs: it makes no difference). */
const BIG_TABLES: Record<string, string[]> = {
  people: ['household', 'person', 'residence', 'person_tag', 'party_membership'],
  grids: ['household_assignment', 'hazard', 'grid_staff', 'care_slot'],
  cases: ['case', 'case_history', 'supervision', 'case_daily_stat', 'case_status_count', 'case_worker_stat'],
};
/** Loaders of the services that may not be built (their scale database is then not created). */
const built = process.env.LIANXIN_SERVICES?.split(/\s+/);
const LATE_LOADERS = ['volunteers', 'assessments'].filter((service) => (built ? built.includes(service) : existsSync(join(root, 'services', service, 'dist', 'migrate.js'))));
if (LATE_LOADERS.includes('volunteers')) {
  BIG_TABLES.volunteers = ['volunteer', 'activity_sign_up', 'service_order', 'point_declaration', 'redemption', 'point_account', 'ledger_posting', 'ledger_entry'];
}
if (LATE_LOADERS.includes('assessments')) {
  BIG_TABLES.assessments = ['party_member_rating', 'rating_round', 'rating_entry', 'rating_step_record', 'staff_activity_day', 'grid_satisfaction_day', 'case_projection'];
}

const connection = connectionFromEnv();
const board = new ProgressBoard();
const phases: Record<string, number> = {};
const started = Date.now();

async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const at = Date.now();
  board.log(`${phase} …`);
  try {
    return await work();
  } finally {
    phases[phase] = Date.now() - at;
    board.log(`${phase} done`, { took: formatDuration(phases[phase]) });
  }
}

function runLoader(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'loader.ts'), [name, '--scale', scale, '--seed', String(seed), '--as-of', asOfDay], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'table') board.update(message);
      else board.log(message.message, message.fields);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} loader exited with ${code}`))));
  });
}

async function restore(service: string, plan: IndexPlan | undefined): Promise<void> {
  if (!plan) return;
  await restoreIndexes(connection, plan, (statement, ms) => {
    if (ms > 2000) board.log(`${service}: index rebuilt`, { ms, statement: statement.slice(0, 120) });
  });
}

const plan = buildPlan(scale, seed);
board.log('scale data', {
  scale,
  seed,
  asOf: asOfDay,
  timeZone: TIME_ZONE,
  townships: plan.townships.length,
  villages: plan.villages.length,
  grids: plan.grids.length,
  households: plan.size.households,
  persons: plan.size.persons,
  cases: plan.size.cases,
});
board.start();

const indexPlans = new Map<string, IndexPlan>();
await timed(values['keep-indexes'] ? 'drop foreign keys' : 'drop indexes', async () => {
  for (const [service, tables] of Object.entries(BIG_TABLES)) {
    const indexPlan = await planIndexes(connection, databaseName(service), tables, values['keep-indexes']);
    await dropIndexes(connection, indexPlan);
    indexPlans.set(service, indexPlan);
  }
});

let casesLoaded: () => void = () => undefined;
const casesLoadedSignal = new Promise<void>((resolve) => (casesLoaded = resolve));

const lanes = [
  (async () => {
    await timed('load organizations', () => runLoader('organizations'));
    await timed('load grids', () => runLoader('grids'));
    await timed('load people', () => runLoader('people'));
    await timed('indexes people', () => restore('people', indexPlans.get('people')));
    // COPY ran with the triggers off (session_replication_role = replica): the counters come from a recount.
    await timed('counters people (rebuildPopulationCounters)', rebuildPeopleCounters);
    // The care schedule (§8.3) of the households whose members carry care tags, into grids.
    await timed('load care', () => runLoader('care'));
    // The person directory (§8.7) of cases and volunteers: without it, writes naming a person are refused.
    process.env.LIANXIN_SCALE_DIRECTORY_SERVICES = ['cases', ...LATE_LOADERS.filter((service) => service === 'volunteers')].join(' ');
    await timed('load person directory', () => runLoader('person-directory'));
    // The hazards in the grids database come with the cases.
    await casesLoadedSignal;
    await timed('indexes grids', () => restore('grids', indexPlans.get('grids')));
    // Party members, verified cases and case histories are in the loaded people and cases databases now.
    for (const service of LATE_LOADERS) {
      await timed(`load ${service}`, () => runLoader(service));
      await timed(`indexes ${service}`, () => restore(service, indexPlans.get(service)));
    }
  })(),
  (async () => {
    try {
      await timed('load cases', () => runLoader('cases'));
    } finally {
      casesLoaded();
    }
    await timed('counters cases (rebuildStats)', rebuildCaseCounters);
    await timed('indexes cases', () => restore('cases', indexPlans.get('cases')));
  })(),
];
const outcomes = await Promise.allSettled(lanes);
const failure = outcomes.find((outcome) => outcome.status === 'rejected');
if (failure) {
  board.stop();
  console.error(`[scale] load failed: ${(failure as PromiseRejectedResult).reason}`);
  console.error('[scale] the scale databases are incomplete (indexes may be missing); run seed-scale.sh again');
  process.exit(1);
}

await timed('analyze', async () => {
  await Promise.all([
    (async () => {
      for (const service of ['organizations', 'grids', 'people', ...LATE_LOADERS]) await runSql(connection, databaseName(service), 'analyze');
      await runSql(connection, databaseName('people'), 'vacuum (analyze) population_count, population_tag_count');
    })(),
    // The counters were inserted, not copied frozen: vacuum sets their visibility map for index-only scans.
    (async () => {
      await runSql(connection, databaseName('cases'), 'vacuum (analyze) case_daily_stat, case_area_day_stat, case_area_month_stat, case_status_count, case_status_month_count, case_worker_stat');
      await runSql(connection, databaseName('cases'), 'analyze');
    })(),
  ]);
});
board.stop();

const totalMs = Date.now() - started;
const sizes: Record<string, { bytes: number; pretty: string }> = {};
const prefix = `${process.env.DATABASE_PREFIX ?? 'lianxin_scale'}_`;
for (const [name, bytes, pretty] of await runSql(connection, 'postgres', `select datname, pg_database_size(datname), pg_size_pretty(pg_database_size(datname)) from pg_database where starts_with(datname, '${prefix}') order by 1`)) {
  sizes[name.slice(prefix.length)] = { bytes: Number(bytes), pretty };
}
const tables = Object.fromEntries(
  [...board.tables].map(([table, state]) => [table, { rows: state.rows, ms: state.finishedAt - state.startedAt, rowsPerSecond: Math.round((state.rows * 1000) / Math.max(1, state.finishedAt - state.startedAt)) }]),
);
const summary = { scale, seed, asOf: asOfDay, keepIndexes: values['keep-indexes'], totalMs, total: formatDuration(totalMs), phasesMs: phases, tables, databaseSizes: sizes };
mkdirSync(join(root, '.lianxin', 'scale'), { recursive: true });
writeFileSync(lastRunFile(root), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
board.summary(
  Object.entries(tables).map(([table, { rows, ms }]) => ({ label: table, rows, ms })),
  Object.entries(phases).map(([phase, ms]) => ({ label: phase, ms })),
  Object.entries(sizes).map(([service, size]) => ({ label: service, size: size.pretty })),
  totalMs,
);

/** The people service's own recount of its population counters over the loaded persons and tags, in its ORM. */
async function rebuildPeopleCounters(): Promise<void> {
  const { MikroORM } = await import('@mikro-orm/postgresql');
  const { ormConfig } = await import('../../services/people/dist/mikro-orm.config.js');
  const { rebuildPopulationCounters } = await import('./service-code.ts');
  const orm = await MikroORM.init(ormConfig({ dbName: databaseName('people'), pool: { min: 0, max: 1 } }));
  try {
    await rebuildPopulationCounters(orm.em.fork());
  } finally {
    await orm.close();
  }
}

/** The cases service's own recomputation (rebuildStats) over the loaded cases, in its ORM. */
async function rebuildCaseCounters(): Promise<void> {
  const { MikroORM } = await import('@mikro-orm/postgresql');
  const { ormConfig } = await import('../../services/cases/dist/mikro-orm.config.js');
  const { rebuildStats } = await import('./service-code.ts');
  const orm = await MikroORM.init(ormConfig({ dbName: databaseName('cases'), pool: { min: 0, max: 1 } }));
  try {
    await rebuildStats(orm.em.fork(), TIME_ZONE);
  } finally {
    await orm.close();
  }
}
