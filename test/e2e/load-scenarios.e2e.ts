import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GATEWAY_URL } from './gateway.js';

const run = promisify(execFile);
const LOAD_DIR = resolve(import.meta.dirname, '../load');
/** k6, built from the Go module proxy by tools/bench/install-k6.sh; `./lianxin test` sets K6. */
const K6 = process.env.K6 ?? resolve(import.meta.dirname, '../../.lianxin/tools/bin/k6');

interface ProbeSummary {
  requests: number;
  failedRequests: number;
  graphqlErrors: number;
  checksPassRate: number | null;
  setup: { skip?: string } | null;
}

/** Every load scenario the bench runs (files with a `// bench:` line). */
const scenarios = readdirSync(LOAD_DIR)
  .filter((file) => file.endsWith('.js') && readFileSync(join(LOAD_DIR, file), 'utf8').startsWith('// bench:'))
  .sort();

/**
 * Each k6 scenario once (PROBE=1: one iteration) through the gateway of the test stack: its setup
 * (Keycloak tokens, load users, discovery) works and its operations answer without errors and
 * pass their own checks — a scenario broken by a schema change fails here, not in a bench run.
 * Latency is not asserted: the bench measures it.
 */
describe('load scenarios (k6 probes)', () => {
  let summaries: string;

  beforeAll(() => {
    summaries = mkdtempSync(join(tmpdir(), 'lianxin-k6-'));
  });

  afterAll(() => rmSync(summaries, { recursive: true, force: true }));

  it('finds the scenarios', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['grid-dashboard.js', 'township-overdue.js', 'case-write.js', 'county-stats.js', 'volunteer-claim.js']));
  });

  it.each(scenarios)('%s runs one iteration without errors', async (file) => {
    const summaryFile = join(summaries, `${file}.json`);
    const env = { GRAPHQL_URL: GATEWAY_URL, PROBE: '1', SUMMARY_FILE: summaryFile, KEYCLOAK_URL: process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080' };
    const args = ['run', '--quiet', '--no-usage-report', '--address', '127.0.0.1:0', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), join(LOAD_DIR, file)];
    // k6 exits non-zero when a threshold (e.g. a probe's single slow request) is crossed: the summary decides.
    await run(K6, args, { cwd: resolve(LOAD_DIR, '../..'), timeout: 120_000 }).catch((error: { code?: unknown }) => {
      if (typeof error.code !== 'number') throw error;
    });
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as ProbeSummary;
    expect(summary.setup?.skip).toBeUndefined(); // every subgraph runs in the test stack: nothing may skip itself
    expect(summary).toMatchObject({ failedRequests: 0, graphqlErrors: 0, checksPassRate: 1 });
    expect(summary.requests).toBeGreaterThan(0);
  }, 150_000);
});
