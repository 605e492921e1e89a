// Coverage per project with a floor that only rises (run by Node 24 directly: type stripping, no build step).
//
//   node tools/coverage/coverage.ts check  [dir]   merge the tiers' coverage in dir, print line coverage per
//                                                  project; exit 1 when a project is below its floor (floors.json)
//   node tools/coverage/coverage.ts report [dir]   the same table, no floors checked (a run that named files)
//   node tools/coverage/coverage.ts raise  [dir]   raise each floor to what the run measured (never lowers
//                                                  one); commit floors.json
//
// dir (default .lianxin/coverage/test, the slot-0 run CI makes; slot N: .lianxin/coverage/testN) holds one
// folder per Jest process that measured, each with Jest's istanbul `coverage-final.json` (babel provider).
// `./lianxin test` runs one Jest process per project (tools/stack.sh), so a single process never holds the
// instrumented code of the whole suite (one did: it ran out of its 4 GB heap). The unit and integration
// processes measure; their maps are merged here with istanbul-lib-coverage (a line run by either tier counts)
// and the merged summary is written to dir/coverage-summary.json.
//
// A project is libs/<name>, services/<name> or gateway. Only in-process code counts: the e2e, security and
// browser tiers drive separate processes, so a service's figure is what its unit and integration tests reach.
// Lines are istanbul's: lines that hold a statement. A floor is kept 0.5 points under the measured value
// (itself rounded down to 0.1): a few lines run only on timing-dependent paths (retries, reconnects) and move
// a little between runs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';
import type { CoverageMapData } from 'istanbul-lib-coverage';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const floorsPath = join(root, 'tools', 'coverage', 'floors.json');
const MARGIN = 0.5;

interface Counts {
  total: number;
  covered: number;
}
type Summary = Record<string, { lines: Counts }>;

export function projectOf(file: string): string | null {
  const match = /^(libs\/[^/]+|services\/[^/]+|gateway)\//.exec(file);
  return match ? match[1] : null;
}

/** The coverage-final.json of every tier measured in `dir` (one sub-folder per Jest process). */
export function tierFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'coverage-final.json')))
    .map((entry) => join(dir, entry.name, 'coverage-final.json'))
    .sort();
}

/** Merges istanbul coverage maps (hits of the same statement add up) into a per-file line summary. */
export function mergedSummary(finals: string[]): Summary {
  const map = libCoverage.createCoverageMap({});
  for (const file of finals) map.merge(JSON.parse(readFileSync(file, 'utf8')) as CoverageMapData);
  const summary: Summary = {};
  for (const file of map.files()) {
    const { total, covered } = map.fileCoverageFor(file).toSummary().lines;
    summary[file] = { lines: { total, covered } };
  }
  return summary;
}

/** Line coverage (percent, rounded down to one decimal) per project from a summary keyed by absolute file path. */
export function perProject(summary: Summary, base: string): Map<string, { pct: number; total: number }> {
  const sums = new Map<string, Counts>();
  for (const [file, entry] of Object.entries(summary)) {
    if (file === 'total') continue;
    const project = projectOf(relative(base, file));
    if (!project) continue;
    const sum = sums.get(project) ?? { total: 0, covered: 0 };
    sum.total += entry.lines.total;
    sum.covered += entry.lines.covered;
    sums.set(project, sum);
  }
  return new Map(
    [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([project, { total, covered }]) => [project, { pct: total === 0 ? 100 : Math.floor((1000 * covered) / total) / 10, total }]),
  );
}

/** Projects below their floor (a project without a floor has none yet). */
export function belowFloor(measured: Map<string, { pct: number }>, floors: Record<string, number>): string[] {
  return [...measured].filter(([project, { pct }]) => floors[project] !== undefined && pct < floors[project]).map(([project]) => project);
}

/** Floors raised to measured − margin, never lowered; projects that disappeared keep no floor. */
export function raised(measured: Map<string, { pct: number }>, floors: Record<string, number>): Record<string, number> {
  // Nothing measured (a run of another checkout, a wrong folder) must not wipe the floors.
  if (measured.size === 0) throw new Error('coverage: no project of this checkout was measured; floors left as they are');
  const next: Record<string, number> = {};
  for (const [project, { pct }] of measured) {
    next[project] = Math.max(floors[project] ?? 0, Math.round((pct - MARGIN) * 10) / 10);
  }
  return next;
}

function main(): void {
  const [command, dirArg] = process.argv.slice(2);
  const dir = dirArg ?? join(root, '.lianxin', 'coverage', 'test');
  if (command !== 'check' && command !== 'raise' && command !== 'report') {
    console.error('usage: coverage.ts check|report|raise [dir with <tier>/coverage-final.json]');
    process.exit(2);
  }
  const finals = tierFiles(dir);
  if (finals.length === 0) {
    console.error(`coverage: no <tier>/coverage-final.json under ${dir} (a full ./lianxin test writes them)`);
    process.exit(2);
  }
  const summary = mergedSummary(finals);
  writeFileSync(join(dir, 'coverage-summary.json'), `${JSON.stringify(summary)}\n`);
  // The files name absolute paths: a folder of another checkout (a fresh clone's .lianxin/coverage/test) is read
  // against that checkout's root.
  const marker = `${sep}.lianxin${sep}`;
  const measuredRoot = resolve(dir).includes(marker) ? resolve(dir).slice(0, resolve(dir).indexOf(marker)) : root;
  const measured = perProject(summary, measuredRoot);
  if (measured.size === 0) {
    console.error(`coverage: no file under ${measuredRoot} was measured in ${dir}`);
    process.exit(2);
  }
  const floors = existsSync(floorsPath) ? (JSON.parse(readFileSync(floorsPath, 'utf8')) as Record<string, number>) : {};
  const below = new Set(command === 'report' ? [] : belowFloor(measured, floors));
  const tiers = finals.map((file) => relative(dir, dirname(file))).join(' + ');
  console.log(`line coverage by project (${tiers}, in process)                 measured   floor`);
  for (const [project, { pct, total }] of measured) {
    const floor = floors[project];
    const mark = below.has(project) ? '  BELOW FLOOR' : '';
    console.log(`  ${project.padEnd(28)} ${String(total).padStart(7)} lines   ${pct.toFixed(1).padStart(6)}%   ${floor === undefined ? '   —' : `${floor.toFixed(1)}%`}${mark}`);
  }
  if (command === 'raise') {
    writeFileSync(floorsPath, `${JSON.stringify(raised(measured, floors), null, 2)}\n`);
    console.log(`floors written to ${relative(root, floorsPath)} (they only rise)`);
    return;
  }
  if (below.size > 0) {
    console.error(`coverage fell below the floor in: ${[...below].join(', ')} — add tests (floors only rise: tools/coverage/floors.json)`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
