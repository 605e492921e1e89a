// The supergraph commands (run by Node 24 directly: type stripping, no build step).
//   compose                          print every subgraph's SDL (`_service { sdl }`) to services/<name>/schema.graphql,
//                                    compose them, write gateway/supergraph.graphql and the public API schema
//                                    gateway/api-schema.graphql, regenerate the typed client in libs/client
//                                    and the trusted documents (persisted-operations.json in libs/client and
//                                    gateway) (breaking changes are listed)
//   check                            the same in memory: fails when composition fails, a committed file is stale,
//                                    or the change breaks the committed supergraph's API
//   check --subgraph name=file.graphql [--url URL] [--allow-breaking]
//                                    contract check of a new or changed subgraph SDL against the committed
//                                    supergraph, using the committed SDL of every other subgraph
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContract, printApiSchema, type SubgraphSdl } from './contract.ts';
import { persistedOperationsManifest } from './persisted-operations.ts';

const root = process.env.LIANXIN_ROOT ?? process.cwd();
const supergraphPath = join(root, 'gateway', 'supergraph.graphql');
const apiSchemaPath = join(root, 'gateway', 'api-schema.graphql');
const clientDir = join(root, 'libs', 'client');
/** Trusted documents: the client's copy and the gateway's (persisted-operations.ts). */
const manifestPaths = [join(clientDir, 'src', 'generated', 'persisted-operations.json'), join(root, 'gateway', 'persisted-operations.json')];
const manifest = () => persistedOperationsManifest(join(clientDir, 'src', 'operations'));

interface ServiceSubgraph extends SubgraphSdl {
  schemaPath: string;
}

function services(): Array<{ name: string; dir: string; port: number }> {
  const dir = join(root, 'services');
  const only = process.env.LIANXIN_SERVICES?.split(/\s+/).filter(Boolean);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')) && (!only || only.includes(name)))
    .sort()
    .map((name) => ({ name, dir: join(dir, name), port: JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')).lianxin.port }));
}

/** Each subgraph's SDL as its running code prints it. */
function printedSubgraphs(): ServiceSubgraph[] {
  return services().map(({ name, dir, port }) => {
    const printer = join(dir, 'dist', 'print-schema.js');
    if (!existsSync(printer)) throw new Error(`${name}: build first (no dist/print-schema.js)`);
    const sdl = execFileSync(process.execPath, [printer], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'error' } });
    return { name, url: `http://127.0.0.1:${port}/graphql`, schemaPath: join(dir, 'schema.graphql'), sdl };
  });
}

/** Each subgraph's committed SDL. */
function committedSubgraphs(): ServiceSubgraph[] {
  return services().map(({ name, dir, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    schemaPath: join(dir, 'schema.graphql'),
    sdl: readOrEmpty(join(dir, 'schema.graphql')),
  }));
}

function readOrEmpty(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Regenerates the typed client from the API schema; with `check`, only says whether it is current. */
function generateClient(check: boolean): boolean {
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'codegen.ts', ...(check ? ['--check'] : [])], {
      cwd: clientDir,
      stdio: 'pipe',
    });
    return true;
  } catch (error) {
    if (!check) throw new Error(`client generation failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    return false;
  }
}

function report(lines: string[], title: string): void {
  if (lines.length > 0) console.error(`[supergraph] ${title}:\n${lines.map((line) => `  - ${line}`).join('\n')}`);
}

function run(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { subgraph: { type: 'string' }, url: { type: 'string' }, 'allow-breaking': { type: 'boolean', default: false } },
  });
  const mode = positionals[0] ?? 'check';
  const committed = existsSync(supergraphPath) ? readFileSync(supergraphPath, 'utf8') : undefined;

  if (values.subgraph) {
    const [name, file] = values.subgraph.split('=');
    if (!name || !file) throw new Error('--subgraph takes name=path/to/schema.graphql');
    const candidate = { name, url: values.url ?? `http://${name}:4000/graphql`, sdl: readFileSync(resolve(file), 'utf8') };
    const others = committedSubgraphs().filter((subgraph) => subgraph.name !== name);
    const result = checkContract(committed, [...others, candidate]);
    report(result.compositionErrors, 'composition failed');
    report(result.breaking, `breaking changes for clients of the committed supergraph`);
    report(result.dangerous, 'dangerous changes (not failing)');
    if (result.compositionErrors.length > 0) return 1;
    if (result.breaking.length > 0 && !values['allow-breaking']) return 1;
    console.log(`[supergraph] ${name} composes with ${others.length} other subgraphs and breaks no client`);
    return 0;
  }

  const subgraphs = printedSubgraphs();
  const result = checkContract(committed, subgraphs);
  report(result.compositionErrors, 'composition failed');
  if (!result.composed) return 1;
  if (mode === 'compose') {
    report(result.breaking, 'this composition BREAKS clients of the previous supergraph');
    for (const subgraph of subgraphs) writeFileSync(subgraph.schemaPath, subgraph.sdl);
    writeFileSync(supergraphPath, result.composed);
    writeFileSync(apiSchemaPath, printApiSchema(result.composed));
    generateClient(false);
    for (const path of manifestPaths) writeFileSync(path, manifest());
    console.log(`[supergraph] composed ${subgraphs.length} subgraphs into gateway/supergraph.graphql; API schema and typed client regenerated`);
    return 0;
  }
  const stale = [
    ...subgraphs.filter((subgraph) => readOrEmpty(subgraph.schemaPath) !== subgraph.sdl).map((s) => `services/${s.name}/schema.graphql`),
    ...(committed !== result.composed ? ['gateway/supergraph.graphql'] : []),
    ...(readOrEmpty(apiSchemaPath) !== printApiSchema(result.composed) ? ['gateway/api-schema.graphql'] : []),
  ];
  if (stale.length === 0 && !generateClient(true)) stale.push('libs/client/src/generated');
  const expectedManifest = manifest();
  for (const path of manifestPaths) if (readOrEmpty(path) !== expectedManifest) stale.push(path.slice(root.length + 1));
  report(result.breaking, 'breaking changes against the committed supergraph');
  if (stale.length > 0) {
    console.error(`[supergraph] stale: ${stale.join(', ')}. Run ./lianxin supergraph compose and commit the result.`);
    return 1;
  }
  console.log(`[supergraph] ${subgraphs.length} subgraphs compose; committed SDL and supergraph are current`);
  return 0;
}

try {
  process.exitCode = run();
} catch (error) {
  console.error(`[supergraph] ${(error as Error).message}`);
  process.exitCode = 1;
}
