// Coverage per project with a floor that only rises (run by Node 24 directly: type stripping, no build step).
//
//   node tools/coverage/coverage.ts check  [summary.json]   print line coverage per project; exit 1 when a
//                                                           project is below its floor in floors.json
//   node tools/coverage/coverage.ts raise  [summary.json]   raise each floor to what the run measured
//                                                           (never lowers one); commit floors.json
//
// The summary is Jest's json-summary (every full `./lianxin test`, as CI, writes .lianxin/coverage/coverage-summary.json:
// istanbul (babel) provider, lines that hold a statement). A project is libs/<name>, services/<name> or gateway.
// Only in-process code counts:
// the e2e and security tiers drive separate processes, so a service's figure is what its unit and
// integration tests reach. A floor is kept 0.5 points under the measured value: a few lines run only
// on timing-dependent paths (retries, reconnects) and move a little between runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Line coverage (percent, one decimal) per project from a json-summary keyed by absolute file path. */
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
  const next: Record<string, number> = {};
  for (const [project, { pct }] of measured) {
    next[project] = Math.max(floors[project] ?? 0, Math.round((pct - MARGIN) * 10) / 10);
  }
  return next;
}

function main(): void {
  const [command, summaryArg] = process.argv.slice(2);
  const summaryPath = summaryArg ?? join(root, '.lianxin', 'coverage', 'coverage-summary.json');
  if (command !== 'check' && command !== 'raise') {
    console.error('usage: coverage.ts check|raise [coverage-summary.json]');
    process.exit(2);
  }
  if (!existsSync(summaryPath)) {
    console.error(`coverage: no summary at ${summaryPath} (a full ./lianxin test writes it)`);
    process.exit(2);
  }
  const measured = perProject(JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary, root);
  const floors = existsSync(floorsPath) ? (JSON.parse(readFileSync(floorsPath, 'utf8')) as Record<string, number>) : {};
  const below = new Set(belowFloor(measured, floors));
  console.log('line coverage by project (unit + integration, in process)     measured   floor');
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
