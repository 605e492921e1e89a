import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const MAIN = 'gateway/dist/main.js';

function supergraphOf(services: string[]): string {
  const result = composeServices(
    services.map((name, index) => ({ name, url: `http://127.0.0.1:${4101 + index}/graphql`, typeDefs: parse(readFileSync(`services/${name}/schema.graphql`, 'utf8')) })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

interface LogLine {
  pid: number;
  msg: string;
  url?: string;
}

/** POST on a new connection each time: the cluster hands connections to the workers in turn. */
function post(url: string, query: string): Promise<{ data?: { __type: { name: string } | null } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GATEWAY_WORKERS=2: every worker serves, takes a new supergraph, counts into one /metrics, and stops on SIGTERM. */
describe('gateway cluster', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'supergraph-cluster-')), 'supergraph.graphql');
  const logs: LogLine[] = [];
  let primary: ChildProcess;
  let url: string;
  let graphqlRequests = 0;
  const workerPids = () => new Set(logs.filter((line) => line.msg === 'gateway ready').map((line) => line.pid));
  const gridType = async () => {
    graphqlRequests += 1;
    return (await post(url, '{ __type(name: "Grid") { name } }')).data?.__type?.name ?? null;
  };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the gateway first (npx tsc -b gateway)`);
    writeFileSync(file, supergraphOf(['organizations']));
    primary = spawn(process.execPath, [MAIN], {
      env: { ...process.env, GATEWAY_WORKERS: '2', PORT: '0', SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_MS: '100', LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    primary.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
    });
    await until(() => workerPids().size === 2, 'two workers to be ready');
    url = logs.find((line) => line.msg === 'gateway ready')!.url!;
  });

  afterAll(() => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
  });

  it('runs two workers on one port, and each takes a new supergraph without a restart', async () => {
    expect(await gridType()).toBeNull();
    writeFileSync(file, supergraphOf(['organizations', 'grids']));
    const reloadedBy = () => new Set(logs.filter((line) => line.msg === 'supergraph reloaded').map((line) => line.pid));
    await until(() => reloadedBy().size === 2, 'both workers to reload the supergraph');
    expect(reloadedBy()).toEqual(workerPids());
    for (let attempt = 0; attempt < 6; attempt += 1) expect(await gridType()).toBe('Grid');
    // Each worker's log lines reach standard output within a second (buffered logging).
    const servedBy = () => new Set(logs.filter((line) => line.msg === 'request completed').map((line) => line.pid));
    await until(() => servedBy().size === 2, 'request logs from both workers', 5_000);
    expect(servedBy()).toEqual(workerPids());
  });

  it('answers /metrics with the sum over every worker', async () => {
    const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    const counted = [...metrics.matchAll(/^graphql_request_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(counted).toBe(graphqlRequests);
  });

  it('stops every worker on SIGTERM and exits cleanly', async () => {
    const pids = [...workerPids()];
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
