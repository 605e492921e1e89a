import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'graphql';
import { createTestDatabase, graphqlRequest, startNatsServer, tokenFor, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { generateSubgraph, namesFor } from '../../tools/generators/new-subgraph.ts';
import { compose } from '../../tools/supergraph/contract.ts';
import { startGateway, type RunningGateway } from '../../gateway/src/server.js';

/**
 * README "Adding your department's subgraph", walked the way a department does it, with the README's
 * own example name (hyphenated): generate → build → migrate → print its SDL → `supergraph check` →
 * compose → start → query through a gateway with a real Keycloak token. Issue 14: print-schema wrote a
 * JSON log line into the SDL, and `SUBGRAPH_CIVIL-AFFAIRS_URL` was not a valid variable name.
 */
const root = process.cwd();
const offset = Number(process.env.STACK_PORT_OFFSET ?? 800);
const coreSubgraphs = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'schema.graphql')));
const node = process.execPath;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`subgraph exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`subgraph not ready at ${url}:\n${log()}`);
}

describe('a department plugs in its own subgraph (civil-affairs)', () => {
  const target = join(root, 'tmp', `civil-affairs-${randomBytes(4).toString('hex')}`);
  let database: TestDatabase;
  let nats: TestNatsServer;
  let child: ChildProcess | undefined;
  let gateway: RunningGateway | undefined;
  let output = '';
  let sdl = '';
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const port = await freePort();
    // Two levels below the root, like services/<name>, so the generated relative paths resolve.
    mkdirSync(join(root, 'tmp'), { recursive: true });
    generateSubgraph(target, namesFor('civil-affairs', port));
    execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', join(target, 'tsconfig.json')], { stdio: 'pipe' });
    database = await createTestDatabase('civil_affairs');
    // The stack's NATS admits only the users of tools/nats/nats-users.json as it was when the run started;
    // a department's new subgraph gets its user there from `new-subgraph`. Here it talks to a NATS of its own.
    nats = await startNatsServer();
    env = { ...process.env, NATS_URL: nats.url, DATABASE_NAME: database.name, PORT: String(port), SERVICE_NAME: 'civil-affairs', LOG_LEVEL: 'info' };
    execFileSync(node, [join(target, 'dist', 'migrate.js'), 'up'], { env, stdio: 'pipe' });
    sdl = execFileSync(node, [join(target, 'dist', 'print-schema.js')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    child?.kill('SIGTERM');
    await database?.drop();
    await nats?.dispose();
    rmSync(target, { recursive: true, force: true });
    delete process.env.SUBGRAPH_CIVIL_AFFAIRS_URL;
  });

  it('prints SDL alone on standard output, logs elsewhere', () => {
    expect(sdl).toMatch(/^extend schema|^schema|^directive|^type|^scalar/m);
    expect(sdl).not.toMatch(/^\{"level"/m);
    expect(() => parse(sdl)).not.toThrow();
  });

  it('passes the contract check against every committed subgraph', () => {
    const file = join(target, 'schema.graphql');
    writeFileSync(file, sdl);
    const report = execFileSync(node, [join(root, 'tools', 'supergraph', 'supergraph.ts'), 'check', '--subgraph', `civil-affairs=${file}`], {
      env: { ...process.env, LIANXIN_SERVICES: coreSubgraphs.join(' ') },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(report).toMatch(/civil-affairs composes with \d+ other subgraphs and breaks no client/);
  });

  it('composes, starts and answers through the gateway with a real token, its URL from SUBGRAPH_CIVIL_AFFAIRS_URL', async () => {
    const port = Number(env.PORT);
    const composed = compose([
      ...coreSubgraphs.map((name) => ({
        name,
        url: `http://127.0.0.1:${JSON.parse(readFileSync(join(root, 'services', name, 'package.json'), 'utf8')).lianxin.port + offset}/graphql`,
        sdl: readFileSync(join(root, 'services', name, 'schema.graphql'), 'utf8'),
      })),
      // A wrong URL in the supergraph: the operator's variable must override it.
      { name: 'civil-affairs', url: 'http://127.0.0.1:1/graphql', sdl },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const supergraphPath = join(target, 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraph!);

    child = spawn(node, [join(target, 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitReady(`http://127.0.0.1:${port}/health/ready`, child, () => output);

    process.env.SUBGRAPH_CIVIL_AFFAIRS_URL = `http://127.0.0.1:${port}/graphql`;
    gateway = await startGateway({ supergraphPath, port: await freePort(), host: '127.0.0.1', development: false });
    const token = await tokenFor('grid.worker');
    const created = await graphqlRequest<{ createCivilAffairsRecord: { record: { id: string; gridCode: string } } }>(
      gateway.url,
      'mutation ($input: CreateCivilAffairsRecordInput!) { createCivilAffairsRecord(input: $input) { record { id gridCode } } }',
      { token, variables: { input: { gridCode: '330402001001001', title: '低保复核', occurredAt: new Date().toISOString() } } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createCivilAffairsRecord.record.gridCode).toBe('330402001001001');

    const grid = await graphqlRequest<{ grid: { name: string; civilAffairsRecords: { totalCount: number } } }>(
      gateway.url,
      '{ grid(code: "330402001001001") { name civilAffairsRecords { totalCount } } }',
      { token },
    );
    expect(grid.errors).toBeUndefined();
    expect(grid.data?.grid.name).toBeTruthy();
    expect(grid.data?.grid.civilAffairsRecords.totalCount).toBe(1);
  });
});
