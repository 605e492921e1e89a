// First requests after a gateway restart, with and without the prepared query plans (issue 20).
// Run with Node 24 (type stripping, no build step) against a running stack:
//
//   node tools/bench/first-request.ts [--stack test5] [--port 9800] [--restarts 5] [--modes on,off]
//                                     [--user grid.worker] [--out .lianxin/bench/first-request.json]
//                                     [--main .lianxin/h5-gw/dist/main.js]   (a private copy of gateway/dist
//                                     with supergraph.graphql and persisted-operations.json beside it)
//
// For each restart and mode (modes alternate, and the first mode alternates per round, so a drifting
// machine load falls on both alike): stops the stack's gateway (.lianxin/run/<stack>/gateway.pid,
// SIGTERM), starts the same command with the same environment plus GATEWAY_PREPARE_PLANS=<mode>, and
// measures
//   start-up: from the spawn to the first 200 of /health/ready (polled every 10 ms),
//   prepare:  the gateway's own "query plans prepared" log line (durationMs), when on,
//   first:    the latency of the first request of each registered operation of a grid worker's home
//             screen (by hash, in a fixed order), then the same requests again (second).
// Leaves the gateway running as it found it (its own environment, no override). Prints medians.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = process.env.LIANXIN_ROOT ?? resolve(import.meta.dirname, '../..');
const { values: flags } = parseArgs({
  options: {
    stack: { type: 'string', default: process.env.STACK_NAME ?? 'dev' },
    port: { type: 'string' },
    restarts: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'on,off' },
    user: { type: 'string', default: 'grid.worker' },
    out: { type: 'string', default: join(root, '.lianxin', 'bench', 'first-request.json') },
    // Another build of the gateway to run (a private copy of gateway/dist, so that a build of the shared
    // tree in the middle of the run cannot catch a restart with half a dist): path to its main.js.
    main: { type: 'string' },
  },
});
const runDir = join(root, '.lianxin', 'run', flags.stack!);
const pidFile = join(runDir, 'gateway.pid');
const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
const realm = process.env.KEYCLOAK_REALM ?? 'lianxin';

interface Manifest {
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}
const manifest = JSON.parse(readFileSync(join(root, 'gateway', 'persisted-operations.json'), 'utf8')) as Manifest;
const idOf = (name: string) => {
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`${name} is not a registered operation`);
  return operation.id;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round1 = (value: number) => Math.round(value * 10) / 10;

async function token(username: string): Promise<string> {
  const response = await fetch(`${keycloak}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'lianxin-dev', username, password: process.env.DEMO_PASSWORD ?? 'lianxin-demo' }),
  });
  if (!response.ok) throw new Error(`Keycloak password grant for ${username}: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Gateway {
  pid: number;
  environment: string[];
  command: string[];
  port: number;
}

function current(): Gateway {
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const port = Number(flags.port ?? environment.find((entry) => entry.startsWith('PORT='))?.slice(5));
  if (!port) throw new Error(`no PORT in the gateway's environment (pid ${pid}); pass --port`);
  return { pid, environment, command, port };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stop(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive(pid) && waited < 30_000; waited += 50) await sleep(50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; alive(pid) && waited < 5_000; waited += 50) await sleep(50);
}

/** Starts the gateway again (plus overrides, with --main's build unless `own`); resolves with its pid and ms from spawn to ready. */
async function start(base: Gateway, overrides: Record<string, string>, logPath: string, own = false): Promise<{ pid: number; startupMs: number }> {
  const env: Record<string, string> = {};
  for (const entry of base.environment) {
    const at = entry.indexOf('=');
    env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  Object.assign(env, overrides);
  const log = openSync(logPath, 'a');
  const started = performance.now();
  const command = flags.main && !own ? base.command.map((part) => (part.endsWith('/gateway/dist/main.js') ? resolve(flags.main!) : part)) : base.command;
  const child = spawn(command[0], command.slice(1), { cwd: root, env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  const ready = `http://127.0.0.1:${base.port}/health/ready`;
  for (;;) {
    try {
      const response = await fetch(ready);
      await response.arrayBuffer();
      if (response.status === 200) return { pid: child.pid!, startupMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    if (!alive(child.pid!)) throw new Error(`the gateway exited during start-up (log: ${logPath})`);
    if (performance.now() - started > 120_000) throw new Error(`the gateway was not ready within 120 s (log: ${logPath})`);
    await sleep(10);
  }
}

async function graphql(port: number, accessToken: string, name: string, variables: Record<string, unknown>): Promise<{ ms: number; data: unknown; errors?: unknown[] }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: idOf(name) } } }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { ms: performance.now() - started, data: body.data, errors: body.errors };
}

/** The gateway's own CPU seconds (user + system, microsecond resolution) and GC seconds, from its /metrics. */
async function processCounters(port: number): Promise<{ cpuMs: number; gcMs: number; majorGcMs: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    cpuMs: sum(/^process_cpu_seconds_total(?:\{[^}]*\})? (\S+)$/gm) * 1000,
    gcMs: sum(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm) * 1000,
    majorGcMs: sum(/^nodejs_gc_duration_seconds_sum\{[^}]*kind="major"[^}]*\} (\S+)$/gm) * 1000,
  };
}

/** The "query plans prepared" line of `pid` in the gateway's log (pino buffers up to a second). */
async function preparedLine(logPath: string, pid: number): Promise<{ durationMs: number; plannerMs: number; plans: number; failed: number } | undefined> {
  for (let waited = 0; waited < 3_000; waited += 100) {
    const lines = readFileSync(logPath, 'utf8').split('\n').slice(-2_000);
    for (const line of lines.reverse()) {
      if (!line.includes('"query plans prepared"')) continue;
      const entry = JSON.parse(line) as { pid: number; durationMs: number; plannerMs: number; plans: number; failed: number };
      if (entry.pid === pid) return entry;
    }
    await sleep(100);
  }
  return undefined;
}

const base = current();
const logPath = join(root, '.lianxin', 'logs', `${flags.stack}-gateway.log`);
const accessToken = await token(flags.user!);
const viewer = await graphql(base.port, accessToken, 'ConsoleViewer', {});
const gridCode = (viewer.data as { viewer?: { gridsIServe?: Array<{ code: string }> } } | undefined)?.viewer?.gridsIServe?.[0]?.code;
if (!gridCode) throw new Error(`${flags.user} serves no grid (ConsoleViewer: ${JSON.stringify(viewer).slice(0, 300)})`);
// A grid worker's home screen in the console: who am I, my grid, what is due, whom to care for.
const screen: Array<[string, Record<string, unknown>]> = [
  ['ConsoleViewer', {}],
  ['ConsoleMyGrid', { code: gridCode }],
  ['ConsoleDueToday', { first: 20 }],
  ['ConsoleCareDue', {}],
];
const modes = flags.modes!.split(',').map((mode) => mode.trim());
const restarts = Number(flags.restarts);
interface Sample {
  mode: string;
  round: number;
  startupMs: number;
  prepareMs?: number;
  plannerMs?: number;
  plans?: number;
  first: Record<string, number>;
  second: Record<string, number>;
  /** The gateway's CPU (ms) from the spawn to ready, and spent on each pass of the screen (incl. one /metrics read). */
  cpu: { startup: number; first: number; second: number };
  /** GC time (ms) in the gateway during each pass; major (mark-compact) apart. */
  gc: { first: number; second: number; firstMajor: number; secondMajor: number };
}
const samples: Sample[] = [];
const loadBefore = loadavg();
console.error(`[first-request] stack ${flags.stack}, gateway :${base.port}, ${restarts} restarts × ${modes.join('/')}, user ${flags.user} (grid ${gridCode}); load average ${loadBefore.map(round1).join(' ')}`);

let pid = base.pid;
/** One restart in `mode` and the screen twice; undefined when a request failed (e.g. a subgraph's database hiccup). */
async function measure(mode: string, round: number): Promise<Sample | undefined> {
  await stop(pid);
  const started = await start(base, { GATEWAY_PREPARE_PLANS: mode }, logPath);
  pid = started.pid;
  const sample: Sample = {
    mode,
    round,
    startupMs: started.startupMs,
    first: {},
    second: {},
    cpu: { startup: 0, first: 0, second: 0 },
    gc: { first: 0, second: 0, firstMajor: 0, secondMajor: 0 },
  };
  let counters = await processCounters(base.port);
  sample.cpu.startup = counters.cpuMs;
  for (const pass of ['first', 'second'] as const) {
    for (const [name, variables] of screen) {
      const answer = await graphql(base.port, accessToken, name, variables);
      if (answer.errors?.length) {
        console.error(`[first-request] round ${round} ${mode}: ${name} failed (${JSON.stringify(answer.errors).slice(0, 200)}); measured again`);
        return undefined;
      }
      sample[pass][name] = answer.ms;
    }
    const after = await processCounters(base.port);
    sample.cpu[pass] = after.cpuMs - counters.cpuMs;
    sample.gc[pass] = after.gcMs - counters.gcMs;
    sample.gc[pass === 'first' ? 'firstMajor' : 'secondMajor'] = after.majorGcMs - counters.majorGcMs;
    counters = after;
  }
  if (mode === 'on') {
    const line = await preparedLine(logPath, pid);
    Object.assign(sample, { prepareMs: line?.durationMs, plannerMs: line?.plannerMs, plans: line?.plans });
  }
  return sample;
}

let failures = 0;
try {
  for (let round = 1; round <= restarts; round += 1) {
    const order = round % 2 ? modes : [...modes].reverse();
    for (const mode of order) {
      let sample: Sample | undefined;
      for (let attempt = 0; !sample && attempt < 3; attempt += 1) {
        sample = await measure(mode, round);
        if (!sample) failures += 1;
      }
      if (!sample) throw new Error(`round ${round} ${mode} failed three times`);
      samples.push(sample);
      console.error(
        `[first-request] round ${round} ${mode}: start-up ${round1(sample.startupMs)} ms (CPU ${round1(sample.cpu.startup)})${sample.prepareMs !== undefined ? ` (prepare ${sample.prepareMs} ms, ${sample.plans} plans)` : ''}; first ${screen.map(([name]) => `${name} ${round1(sample.first[name])}`).join(', ')}; CPU first/second pass ${round1(sample.cpu.first)}/${round1(sample.cpu.second)} (GC ${round1(sample.gc.first)}/${round1(sample.gc.second)}, major ${round1(sample.gc.firstMajor)}/${round1(sample.gc.secondMajor)})`,
      );
    }
  }
} finally {
  // Leave the gateway as it was found: its own environment, no override.
  await stop(pid);
  pid = (await start(base, {}, logPath, true)).pid;
}
const loadAfter = loadavg();

const summary = modes.map((mode) => {
  const of = samples.filter((sample) => sample.mode === mode);
  return {
    mode,
    restarts: of.length,
    startupMs: round1(median(of.map((sample) => sample.startupMs))),
    startupCpuMs: round1(median(of.map((sample) => sample.cpu.startup))),
    firstPassCpuMs: round1(median(of.map((sample) => sample.cpu.first))),
    secondPassCpuMs: round1(median(of.map((sample) => sample.cpu.second))),
    firstPassGcMs: round1(median(of.map((sample) => sample.gc.first))),
    prepareMs: mode === 'on' ? round1(median(of.map((sample) => sample.prepareMs ?? NaN))) : undefined,
    plannerMs: mode === 'on' ? round1(median(of.map((sample) => sample.plannerMs ?? NaN))) : undefined,
    first: Object.fromEntries(screen.map(([name]) => [name, round1(median(of.map((sample) => sample.first[name])))])),
    firstScreen: round1(median(of.map((sample) => screen.reduce((sum, [name]) => sum + sample.first[name], 0)))),
    second: Object.fromEntries(screen.map(([name]) => [name, round1(median(of.map((sample) => sample.second[name])))])),
    secondScreen: round1(median(of.map((sample) => screen.reduce((sum, [name]) => sum + sample.second[name], 0)))),
  };
});
mkdirSync(join(root, '.lianxin', 'bench'), { recursive: true });
const result = { at: new Date().toISOString(), stack: flags.stack, user: flags.user, gridCode, loadBefore, loadAfter, summary, samples, failedAttempts: failures, restoredPid: pid };
writeFileSync(flags.out!, `${JSON.stringify(result, null, 2)}\n`);
console.log(`medians over ${restarts} restarts each (ms); load average ${loadBefore.map(round1).join(' ')} → ${loadAfter.map(round1).join(' ')}`);
console.log(
  `| GATEWAY_PREPARE_PLANS | start-up to ready | its CPU | preparing | ${screen.map(([name]) => `first ${name}`).join(' | ')} | first screen (sum) | second screen (sum) | gateway CPU first / second screen | GC in first screen |`,
);
console.log(`|---|---|---|---|${screen.map(() => '---|').join('')}---|---|---|---|`);
for (const row of summary) {
  console.log(
    `| ${row.mode} | ${row.startupMs} | ${row.startupCpuMs} | ${row.prepareMs ?? '–'} | ${screen.map(([name]) => row.first[name]).join(' | ')} | ${row.firstScreen} | ${row.secondScreen} | ${row.firstPassCpuMs} / ${row.secondPassCpuMs} | ${row.firstPassGcMs} |`,
  );
}
console.log(`(all samples: ${flags.out}${existsSync(flags.out!) ? '' : ' not written'})`);
