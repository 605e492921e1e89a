// The load bench (run by tools/bench/bench.sh with Node 24: type stripping, no build step).
//
// For every scenario in test/load/*.js that has a `// bench: targets=… [direct=<subgraph>]` line:
// a one-iteration probe (a scenario may skip itself, e.g. when its subgraph is not composed yet),
// then, per target, a probe and a short warm-up, and a ladder of constant-arrival-rate steps with
// the targets interleaved at each rate. While a step runs, /proc is sampled every second for the
// CPU and RSS of the gateway, each subgraph (pid files of the running stack), Hive Gateway,
// PostgreSQL (the stack databases' backends) and k6 itself, and PostgreSQL's commit counters are
// read before and after (statements per request). A step is sustained when its p95
// stays under P95_MS with no errors and k6 achieved ≥ 95 % of the offered rate; the ladder of a
// target stops after its first step that is not sustained (--full-ladder runs every step).
//
// Targets: apollo = our gateway (the running stack's); hive = Hive Gateway started here on the
// committed supergraph with the same subgraph URLs; direct = the scenario's subgraph's own /graphql.
//
// The machine may be shared (2 cores): "other" CPU (busy time outside the stack, Hive Gateway and
// k6) is measured per step; a step that fails while other work took more than BENCH_QUIET_PCT (25 %
// of a core) is retried once after waiting (≤ 90 s) for the machine to calm down (--no-retry: not).
// Before starting, the bench waits up to --wait-quiet seconds (60) for such a quiet machine.
//
// Usage: bench.ts [scenario …] [--rates 25,50,100] [--duration 20s] [--warmup 5s]
//                 [--targets apollo,hive,direct] [--full-ladder] [--no-retry] [--wait-quiet 60]
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { alive, round, snapshot, usage, type Root, type Snapshot, type Usage } from './proc.ts';
import { extrasText, renderHtml, renderText, type BenchResults, type ScenarioResult, type StepResult, type TargetResult } from './report.ts';

const root = process.env.LIANXIN_ROOT ?? resolve(import.meta.dirname, '../..');
const state = join(root, '.lianxin');
const outDir = join(state, 'bench');
const logDir = join(outDir, 'logs');
const k6 = process.env.K6 ?? join(state, 'tools', 'bin', 'k6');
const hiveDir = join(state, 'hive');
const runDir = join(state, 'run', process.env.STACK_NAME ?? 'dev');
const supergraphPath = join(root, 'gateway', 'supergraph.graphql');

const USAGE = `usage: bench.sh [scenario …] [--rates 25,50,100] [--duration 20s] [--warmup 5s]
                [--targets apollo,hive,direct] [--full-ladder] [--no-retry] [--wait-quiet 60]
env: BENCH_RATES, BENCH_DURATION, BENCH_WARMUP, BENCH_TARGETS, BENCH_FULL_LADDER=1, BENCH_NO_RETRY=1,
     BENCH_WAIT_QUIET, BENCH_QUIET_PCT (25), BENCH_HIVE_PORT (4400), P95_MS (100), GATEWAY_URL, STACK_NAME (dev)`;

function parseFlags() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        rates: { type: 'string', default: process.env.BENCH_RATES ?? '25,50,100,150,200,300,400,600,800' },
        duration: { type: 'string', default: process.env.BENCH_DURATION ?? '20s' },
        warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '5s' },
        targets: { type: 'string', default: process.env.BENCH_TARGETS ?? 'apollo,hive,direct' },
        'full-ladder': { type: 'boolean', default: process.env.BENCH_FULL_LADDER === '1' },
        'no-retry': { type: 'boolean', default: process.env.BENCH_NO_RETRY === '1' },
        'wait-quiet': { type: 'string', default: process.env.BENCH_WAIT_QUIET ?? '60' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`[bench] ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values: flags, positionals } = parseFlags();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const rates = flags.rates.split(/[ ,]+/).filter(Boolean).map(Number).sort((a, b) => a - b);
const wantedTargets = new Set(flags.targets.split(/[ ,]+/).filter(Boolean));
const p95Ms = Number(process.env.P95_MS ?? 100);
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const hivePort = Number(process.env.BENCH_HIVE_PORT ?? 4400);
const cores = availableParallelism();
const SAMPLE_MS = 1000;
/** A step is "noisy" when other work on the machine took more than this (% of one core). */
const QUIET_PCT = Number(process.env.BENCH_QUIET_PCT ?? 25);
/** How long to wait for a quiet machine before a retry (and, with --wait-quiet, before starting). */
const QUIET_WAIT_MS = 90_000;
/** k6 start-up left out of the CPU window when a summary has no load window (older scenario files). */
const SETTLE_MS = 1500;

function say(message: string): void {
  console.log(`[bench] ${message}`);
}

interface ScenarioSpec {
  name: string;
  file: string;
  targets: string[];
  direct?: string;
  /** The p95 a step must stay under: the scenario's own target (`p95=50`) or P95_MS. */
  p95Ms: number;
}

/** Scenarios are the files in test/load/ with a `// bench:` line: adding one is adding a file. */
function discoverScenarios(): ScenarioSpec[] {
  const dir = join(root, 'test', 'load');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .flatMap((file) => {
      const line = readFileSync(join(dir, file), 'utf8').split('\n').slice(0, 5).find((text) => text.startsWith('// bench:'));
      if (!line) return [];
      const fields = Object.fromEntries(
        line
          .slice('// bench:'.length)
          .trim()
          .split(/\s+/)
          .map((pair) => pair.split('=') as [string, string]),
      );
      return [{ name: basename(file, '.js'), file: join(dir, file), targets: (fields.targets ?? 'apollo').split(','), direct: fields.direct, p95Ms: fields.p95 ? Number(fields.p95) : p95Ms }];
    });
}

/**
 * The running stack's processes (gateway, subgraphs) from their pid files, and PostgreSQL counted
 * with only the stack's own databases' backends (other work — test databases — counts as "other").
 */
function stackProcesses(): Record<string, Root> {
  const processes: Record<string, Root> = {};
  if (!existsSync(runDir)) return processes;
  for (const file of readdirSync(runDir)) {
    if (!file.endsWith('.pid')) continue;
    const pid = Number(readFileSync(join(runDir, file), 'utf8').trim());
    if (pid && alive(pid)) processes[basename(file, '.pid')] = { pid };
  }
  const postmaster = join(state, 'pg', 'postmaster.pid');
  if (existsSync(postmaster)) {
    const pid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
    if (pid && alive(pid)) processes.postgres = { pid, databases: stackDatabases(processes) };
  }
  return processes;
}

function stackDatabases(processes: Record<string, Root>): string[] {
  const prefix = process.env.DATABASE_PREFIX ?? 'lianxin';
  return Object.keys(processes)
    .filter((name) => name !== 'gateway' && name !== 'postgres')
    .map((service) => `${prefix}_${service}`);
}

/** The subgraph URLs the running gateway uses (its SUBGRAPH_<NAME>_URL), so Hive gets the same ones. */
function gatewaySubgraphUrls(gatewayPid: number | undefined): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of readFileSync(supergraphPath, 'utf8').matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[`SUBGRAPH_${match[1].toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = match[2];
  }
  if (gatewayPid) {
    try {
      for (const entry of readFileSync(`/proc/${gatewayPid}/environ`, 'utf8').split('\0')) {
        const match = /^(SUBGRAPH_[A-Z0-9_]+_URL)=(.*)$/.exec(entry);
        if (match) urls[match[1]] = match[2];
      }
    } catch {
      // not readable: the supergraph's URLs it is
    }
  }
  return urls;
}

/** Commits per database of the stack (lianxin_<service>): how many statements a request costs. */
function dbCommits(databases: string[]): Record<string, number> | null {
  if (!process.env.DATABASE_HOST || databases.length === 0) return null;
  try {
    const out = execFileSync(
      'psql',
      ['-qtA', '-h', process.env.DATABASE_HOST, '-p', process.env.DATABASE_PORT ?? '5432', '-U', process.env.DATABASE_USER ?? 'lianxin', '-d', 'postgres', '-F', ' ', '-c',
        "select datname, xact_commit + xact_rollback from pg_stat_database where datname in (" + databases.map((name) => `'${name.replace(/'/g, '')}'`).join(',') + ')'],
      { env: { ...process.env, PGPASSWORD: process.env.DATABASE_PASSWORD ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const commits: Record<string, number> = {};
    for (const line of out.trim().split('\n')) {
      const [name, count] = line.split(' ');
      if (name) commits[name.replace(/^[^_]+_/, '')] = Number(count);
    }
    return commits;
  } catch {
    return null;
  }
}

async function waitHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not yet
    }
    await sleep(500);
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Busy CPU outside the given process trees over two seconds, % of one core. */
async function otherPct(roots: Record<string, Root>): Promise<number> {
  const first = snapshot(roots);
  await sleep(2000);
  return usage([first, snapshot(roots)], cores)?.otherPct ?? 0;
}

/** Waits (at most maxMs) until other work takes less than QUIET_PCT; returns the last measurement. */
async function waitQuiet(roots: Record<string, Root>, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  let other = await otherPct(roots);
  while (other >= QUIET_PCT && Date.now() < deadline) other = await otherPct(roots);
  return other;
}

let hive: ChildProcess | null = null;
let currentK6: ChildProcess | null = null;

async function startHive(subgraphUrls: Record<string, string>): Promise<string> {
  const bin = join(hiveDir, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`Hive Gateway is not installed in ${hiveDir} (bench.sh installs it)`);
  if (await waitHttp(`http://127.0.0.1:${hivePort}/`, 500)) throw new Error(`port ${hivePort} is already in use (BENCH_HIVE_PORT)`);
  const config = join(hiveDir, 'gateway.config.mjs');
  copyFileSync(join(root, 'tools', 'bench', 'hive-gateway.config.mjs'), config);
  const log = openSync(join(logDir, 'hive-gateway.log'), 'a');
  hive = spawn(process.execPath, [bin, 'supergraph', supergraphPath, '-c', config, '--port', String(hivePort), '--fork', '1'], {
    cwd: hiveDir,
    env: { ...process.env, ...subgraphUrls },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (!(await waitHttp(`http://127.0.0.1:${hivePort}/readiness`, 60_000, hive))) {
    await stopHive();
    throw new Error(`Hive Gateway did not become ready on port ${hivePort} (log: ${join(logDir, 'hive-gateway.log')})`);
  }
  return `http://127.0.0.1:${hivePort}/graphql`;
}

async function stopHive(): Promise<void> {
  const child = hive;
  hive = null;
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface K6Run {
  summary: Record<string, unknown> & { setup?: { skip?: string } | null };
  usage: Usage | null;
  db: Record<string, number> | null;
  exitCode: number;
  log: string;
}

/** One k6 run: a probe (one iteration) or one rate step; samples /proc while it runs. */
async function runK6(
  spec: ScenarioSpec,
  target: string,
  url: string,
  step: { probe: true } | { rate: number; duration: string; label: string },
  roots: Record<string, Root>,
): Promise<K6Run> {
  const label = 'probe' in step ? 'probe' : step.label;
  const summaryFile = join(outDir, 'k6', `${spec.name}-${target}-${label}.json`);
  const logFile = join(logDir, `${spec.name}-${target}-${label}.log`);
  const env = ['-e', `GRAPHQL_URL=${url}`, '-e', `TARGET=${target}`, '-e', `SUMMARY_FILE=${summaryFile}`, '-e', `P95_MS=${spec.p95Ms}`];
  if ('probe' in step) env.push('-e', 'PROBE=1');
  else env.push('-e', `RATE=${step.rate}`, '-e', `DURATION=${step.duration}`);
  // Commits are read before k6 starts and 1.5 s after it ends: PostgreSQL backends flush their
  // counters when they go idle (at most once a second), so the window must cover the whole run.
  const databases = roots.postgres?.databases ?? [];
  const dbBefore = 'probe' in step ? null : dbCommits(databases);
  const log = openSync(logFile, 'w');
  const child = spawn(k6, ['run', '--quiet', '--no-usage-report', ...env, spec.file], { cwd: root, stdio: ['ignore', log, log] });
  closeSync(log);
  currentK6 = child;
  const exit = new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));

  // Sampled every second while k6 runs; the CPU window is then cut to the load itself (the first and
  // last GraphQL request, which the summary reports), leaving setup() and teardown() out.
  const snapshots: Snapshot[] = [];
  let timer: NodeJS.Timeout | undefined;
  if (!('probe' in step)) {
    const sample = () => {
      if (child.exitCode === null) snapshots.push(snapshot({ ...roots, k6: { pid: child.pid as number } }));
    };
    sample();
    timer = setInterval(sample, SAMPLE_MS);
  }
  const exitCode = await exit;
  currentK6 = null;
  if (timer) clearInterval(timer);
  if (dbBefore) await sleep(1500);
  const dbAfter = dbBefore ? dbCommits(databases) : null;
  let summary: K6Run['summary'] = {};
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    summary = { error: `k6 wrote no summary (exit ${exitCode}); see ${logFile}` };
  }
  let db: Record<string, number> | null = null;
  const requests = Number(summary.requests ?? 0);
  if (dbBefore && dbAfter && requests > 0) {
    db = {};
    for (const [name, count] of Object.entries(dbAfter)) {
      const delta = count - (dbBefore[name] ?? count);
      if (delta > 0) db[name] = round(delta / requests, 1);
    }
  }
  return { summary, usage: usage(loadSnapshots(snapshots, summary.loadWindow as LoadWindow | null | undefined), cores), db, exitCode, log: logFile };
}

interface LoadWindow {
  from: number;
  to: number;
}

/** The snapshots that frame the load: the last one before its first request to the first one after its last. */
function loadSnapshots(snapshots: Snapshot[], window: LoadWindow | null | undefined): Snapshot[] {
  if (!window) return snapshots.slice(Math.ceil(SETTLE_MS / SAMPLE_MS));
  const startIndex = Math.max(0, snapshots.findLastIndex((s) => s.at <= window.from));
  const after = snapshots.findIndex((s) => s.at >= window.to);
  return snapshots.slice(startIndex, after === -1 ? snapshots.length : after + 1);
}

function toStep(run: K6Run, rate: number, p95Ms: number): StepResult {
  const s = run.summary as Record<string, never>;
  const latency = (s.latencyMs ?? {}) as StepResult['latencyMs'];
  const errors = Number(s.failedRequests ?? 0) + Number(s.graphqlErrors ?? 0);
  const achieved = Number(s.achievedRps ?? 0);
  const sustained = Boolean(s.thresholdsOk) && errors === 0 && achieved >= 0.95 * rate && (latency.p95 ?? Infinity) < p95Ms;
  return {
    rate,
    achievedRps: achieved,
    requests: Number(s.requests ?? 0),
    errors,
    dropped: Number(s.droppedIterations ?? 0),
    latencyMs: latency,
    sustained,
    usage: run.usage,
    dbCommitsPerRequest: run.db,
    noisy: (run.usage?.otherPct ?? 0) > QUIET_PCT,
    firstAttempt: null,
    loadavg: round(loadavg()[0], 2),
    log: run.log,
    extras: (s.extras ?? undefined) as StepResult['extras'],
  };
}

function stepLine(target: string, step: StepResult, warmup = false): string {
  const l = step.latencyMs;
  const cpu = step.usage
    ? Object.entries(step.usage.processes)
        .map(([name, p]) => `${name} ${p.cpuPct}%/${p.rssMiB}M`)
        .join(', ') + `; other ${step.usage.otherPct}%`
    : '';
  const extras = extrasText(step.extras);
  return `${warmup ? 'warm-up ' : ''}${step.firstAttempt ? 'retry ' : ''}${target} ${step.rate}/s → ${step.achievedRps}/s  p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms  errors ${step.errors} dropped ${step.dropped}  ${step.sustained ? 'sustained' : 'NOT sustained'}${extras ? `  (${extras})` : ''}  [${cpu}]`;
}

/** The stack's pids, to notice when someone restarts it during a step. */
function stackFingerprint(): string {
  return Object.entries(stackProcesses())
    .filter(([name]) => name !== 'postgres')
    .map(([name, root]) => `${name}:${root.pid}`)
    .sort()
    .join(' ');
}

class StackChanged extends Error {}

/**
 * Runs a step; when the stack was restarted or stopped while it ran (a shared dev box), waits for
 * the gateway to be ready again (≤ 2 min), takes the new pids and runs the step again, once.
 */
async function runStepGuarded(spec: ScenarioSpec, target: TargetResult, rate: number, roots: Record<string, Root>, label: string): Promise<StepResult> {
  for (let attempt = 0; ; attempt++) {
    const before = stackFingerprint();
    const step = toStep(await runK6(spec, target.target, target.url, { rate, duration: flags.duration, label }, roots), rate, spec.p95Ms);
    const after = stackFingerprint();
    if (before === after) return step;
    say(`  the stack changed during ${target.target} ${rate}/s (${before || 'nothing'} → ${after || 'nothing'}); that step does not count`);
    if (attempt > 0) throw new StackChanged('the stack was restarted twice during one step');
    if (!(await waitHttp(gatewayUrl.replace(/\/graphql$/, '/health/ready'), 120_000))) throw new StackChanged('the stack went away and did not come back within 2 minutes');
    await sleep(3000);
    const fresh = stackProcesses();
    for (const name of Object.keys(roots)) if (name !== 'hive-gateway') delete roots[name];
    Object.assign(roots, fresh);
    say(`  the stack is back (${stackFingerprint()}); running the step again`);
  }
}

/** A step of one target at one rate; a failing step under other load is retried once when it is quiet. */
async function runStep(spec: ScenarioSpec, target: TargetResult, rate: number, roots: Record<string, Root>): Promise<StepResult> {
  let step = await runStepGuarded(spec, target, rate, roots, String(rate));
  if (!step.sustained && step.noisy && !flags['no-retry']) {
    say(`  ${stepLine(target.target, step)}`);
    say(`  other work took ${step.usage?.otherPct}% of a core during that step; waiting for a quieter machine and retrying once`);
    const other = await waitQuiet(roots, QUIET_WAIT_MS);
    const retry = await runStepGuarded(spec, target, rate, roots, `${rate}-retry`);
    retry.firstAttempt = { achievedRps: step.achievedRps, latencyMs: step.latencyMs, errors: step.errors, otherPct: step.usage?.otherPct ?? null, otherBeforeRetryPct: other };
    step = retry;
  }
  say(`  ${stepLine(target.target, step)}`);
  return step;
}

/** Probe and warm up one target; false (with a note) when it cannot be benched. */
async function prepareTarget(spec: ScenarioSpec, target: TargetResult, roots: Record<string, Root>): Promise<boolean> {
  const probe = await runK6(spec, target.target, target.url, { probe: true }, roots);
  const probeErrors = Number(probe.summary.failedRequests ?? 0) + Number(probe.summary.graphqlErrors ?? 0);
  if (probe.summary.error || probeErrors > 0 || Number(probe.summary.requests ?? 0) === 0) {
    target.note = `probe failed (${probe.summary.error ?? (probeErrors > 0 ? `${probeErrors} errors` : 'no request made')}); see ${probe.log}`;
    say(`  ${target.target}: ${target.note}`);
    return false;
  }
  target.warmup = toStep(await runK6(spec, target.target, target.url, { rate: rates[0], duration: flags.warmup, label: 'warmup' }, roots), rates[0], spec.p95Ms);
  say(`  ${stepLine(target.target, target.warmup, true)}`);
  return true;
}

/**
 * One scenario: every target is probed and warmed up, then the ladder runs rate by rate with the
 * targets interleaved at each rate (apollo 50, hive 50, direct 50, apollo 100 …), so slow drifts
 * in what else the machine does affect every target alike. A target leaves the ladder after its
 * first step that is not sustained.
 */
async function benchScenario(spec: ScenarioSpec, gatewayPid: number | undefined): Promise<ScenarioResult> {
  const result: ScenarioResult = { name: spec.name, p95Ms: spec.p95Ms, skipped: null, aborted: null, targets: [] };
  const roots = stackProcesses();
  say(`${spec.name}`);
  // The probe decides whether the scenario can run at all (a scenario may skip itself).
  const probe = await runK6(spec, 'apollo', gatewayUrl, { probe: true }, roots);
  const skip = probe.summary.setup?.skip;
  if (skip) {
    result.skipped = skip;
    say(`  skipped — ${skip}`);
    return result;
  }
  const subgraphUrls = gatewaySubgraphUrls(gatewayPid);
  const wanted = spec.targets.filter((name) => wantedTargets.has(name));
  try {
    if (wanted.includes('hive')) {
      try {
        const url = await startHive(subgraphUrls);
        roots['hive-gateway'] = { pid: hive?.pid as number };
        result.targets.push({ target: 'hive', url, warmup: null, steps: [], maxSustained: null, note: null });
      } catch (error) {
        result.targets.push({ target: 'hive', url: '', warmup: null, steps: [], maxSustained: null, note: (error as Error).message });
        say(`  hive: ${(error as Error).message}`);
      }
    }
    if (wanted.includes('apollo')) result.targets.unshift({ target: 'apollo', url: gatewayUrl, warmup: null, steps: [], maxSustained: null, note: null });
    if (wanted.includes('direct')) {
      const url = subgraphUrls[`SUBGRAPH_${(spec.direct ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] ?? '';
      result.targets.push({ target: 'direct', url, warmup: null, steps: [], maxSustained: null, note: url ? `${spec.direct}'s own /graphql, no gateway` : `no URL for subgraph "${spec.direct}"` });
    }
    const active: TargetResult[] = [];
    for (const target of result.targets) if (target.url && (await prepareTarget(spec, target, roots))) active.push(target);
    for (const rate of rates) {
      for (const target of [...active]) {
        await sleep(2000); // let the previous step's stragglers finish
        const step = await runStep(spec, target, rate, roots);
        target.steps.push(step);
        if (step.sustained) target.maxSustained = { rate, achievedRps: step.achievedRps, latencyMs: step.latencyMs };
        else if (!flags['full-ladder']) active.splice(active.indexOf(target), 1);
      }
      if (active.length === 0) break;
    }
  } catch (error) {
    if (!(error instanceof StackChanged)) throw error;
    result.aborted = error.message;
    say(`  ${spec.name} stopped: ${error.message}`);
  } finally {
    await stopHive();
  }
  return result;
}

function versions(): Record<string, string> {
  const read = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0].trim();
    } catch {
      return 'unknown';
    }
  };
  let hiveVersion = 'not installed';
  try {
    hiveVersion = JSON.parse(readFileSync(join(hiveDir, 'node_modules', '@graphql-hive', 'gateway', 'package.json'), 'utf8')).version;
  } catch {
    // not installed
  }
  return { node: process.version, k6: read(k6, ['version']), hiveGateway: hiveVersion };
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(join(outDir, 'k6'), { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const all = discoverScenarios();
  const unknown = positionals.filter((name) => !all.some((spec) => spec.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')} (have: ${all.map((spec) => spec.name).join(', ')})`);
  const chosen = positionals.length > 0 ? all.filter((spec) => positionals.includes(spec.name)) : all;
  const gatewayPid = stackProcesses().gateway?.pid;

  // What else is running matters on a 2-core machine: measure it (and wait a little for quiet) first.
  const stack = stackProcesses();
  let idleBusyPct = await otherPct(stack);
  const waitS = Number(flags['wait-quiet']);
  if (idleBusyPct >= QUIET_PCT && waitS > 0) {
    say(`other work is using ${idleBusyPct}% of a core; waiting up to ${waitS}s for it to drop under ${QUIET_PCT}%`);
    idleBusyPct = await waitQuiet(stack, waitS * 1000);
  }
  say(`machine: ${cores} cores, other work ${idleBusyPct}% of one core before the bench (load ${loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  if (idleBusyPct >= QUIET_PCT) say(`warning: other work is using ${idleBusyPct}% of a core; numbers will be lower and noisier than on an idle machine`);
  say(`ladder ${rates.join(', ')} /s, ${flags.duration} per step after a ${flags.warmup} warm-up; sustained = p95 < ${p95Ms} ms, no errors, ≥ 95 % of the rate`);

  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    wallS: 0,
    machine: { cores, otherBeforePct: idleBusyPct, loadavgBefore: loadavg().map((v) => round(v, 2)) },
    versions: versions(),
    settings: {
      rates,
      duration: flags.duration,
      warmup: flags.warmup,
      p95Ms,
      targets: [...wantedTargets],
      fullLadder: Boolean(flags['full-ladder']),
      // Knobs that change what is measured, when set (see hive-gateway.config.mjs and test/load/lib).
      env: Object.fromEntries(['STACK_NAME', 'HIVE_JWT', 'REQUEST_IDS', 'USERS', 'COUNTY_CODE', 'MAX_VUS', 'PRE_VUS', 'LANES'].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k] as string])),
    },
    scenarios: [],
  };
  for (const spec of chosen) results.scenarios.push(await benchScenario(spec, gatewayPid));
  results.finishedAt = new Date().toISOString();
  results.wallS = Math.round((Date.now() - started) / 1000);

  const stamp = results.startedAt.replace(/[-:]/g, '').replace(/\..*$/, '');
  const json = JSON.stringify(results, null, 2);
  const html = renderHtml(results);
  writeFileSync(join(outDir, `results-${stamp}.json`), json);
  writeFileSync(join(outDir, `report-${stamp}.html`), html);
  writeFileSync(join(outDir, 'latest.json'), json);
  writeFileSync(join(outDir, 'latest.html'), html);
  console.log('');
  console.log(renderText(results));
  say(`results: .lianxin/bench/results-${stamp}.json, chart: .lianxin/bench/report-${stamp}.html (also latest.json / latest.html)`);
  say(`wall time ${results.wallS}s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    currentK6?.kill('SIGTERM');
    void stopHive().then(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  await stopHive();
  console.error(`[bench] error: ${(error as Error).message}`);
  process.exitCode = 1;
}
