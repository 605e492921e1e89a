import { parseArgs } from 'node:util';
import { loadContext, type LoadContext } from './context.ts';
import { loadCases } from './load-cases.ts';
import { loadGrids } from './load-grids.ts';
import { loadOrganizations } from './load-organizations.ts';
import { loadPeople } from './load-people.ts';
import { logToParent } from './progress.ts';

type Loader = (context: LoadContext) => Promise<void>;

/**
 * One loader in a process of its own (seed-scale.ts runs two at a time):
 *   node tools/scale/loader.ts <organizations|grids|people|cases|volunteers|assessments> --scale county --seed 1 --as-of 2026-11-23
 * Counts go to the parent over IPC; run alone it prints a JSON line per step.
 */
const LOADERS: Record<string, () => Promise<Loader>> = {
  organizations: async () => loadOrganizations,
  grids: async () => loadGrids,
  people: async () => loadPeople,
  cases: async () => loadCases,
  // After people (reads the people database); needs services/grids built.
  care: async () => (await import('./load-care.ts')).loadCare,
  // After people (reads the people database): known_person of cases and, when built, volunteers.
  'person-directory': async () => {
    const { loadPersonDirectory } = await import('./load-person-directory.ts');
    const services = (process.env.LIANXIN_SCALE_DIRECTORY_SERVICES ?? 'cases').split(/\s+/).filter(Boolean);
    return (context) => loadPersonDirectory(context, services);
  },
  // Imported on demand: they need their service built (services/volunteers, services/assessments dist/).
  volunteers: async () => (await import('./load-volunteers.ts')).loadVolunteers,
  assessments: async () => (await import('./load-assessments.ts')).loadAssessments,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { scale: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } },
});
const name = positionals[0];
if (!name || !(name in LOADERS) || !values.scale || !values.seed || !values['as-of']) {
  console.error(`usage: loader.ts <${Object.keys(LOADERS).join('|')}> --scale county|township --seed N --as-of YYYY-MM-DD`);
  process.exit(2);
}
const context = loadContext({ scale: values.scale as 'county' | 'township', seed: Number(values.seed), asOfDay: values['as-of'] });
const started = Date.now();
try {
  await (await LOADERS[name]())(context);
  context.reporter.stop();
  logToParent(`${name} loaded`, { ms: Date.now() - started });
} catch (error) {
  // Nothing half-loaded may commit: kill every COPY still open before this process ends.
  for (const sink of context.sinks) sink.abort();
  context.reporter.stop();
  logToParent(`${name} failed`, { error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
