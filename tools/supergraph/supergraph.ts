// Composes the supergraph from each subgraph's SDL with @apollo/composition (run by Node 24
// directly: type stripping, no build step).
//   compose: print every subgraph's SDL to services/<name>/schema.graphql, compose, write gateway/supergraph.graphql
//   check:   the same in memory; fails when composition fails or a committed file is stale
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const root = process.env.LIANXIN_ROOT ?? process.cwd();
const supergraphPath = join(root, 'gateway', 'supergraph.graphql');

interface Subgraph {
  name: string;
  url: string;
  schemaPath: string;
  sdl: string;
}

function subgraphs(): Subgraph[] {
  const dir = join(root, 'services');
  const only = process.env.LIANXIN_SERVICES?.split(/\s+/).filter(Boolean);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')) && (!only || only.includes(name)))
    .sort()
    .map((name) => {
      const manifest = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8'));
      const printer = join(dir, name, 'dist', 'print-schema.js');
      if (!existsSync(printer)) throw new Error(`${name}: build first (no dist/print-schema.js)`);
      const sdl = execFileSync(process.execPath, [printer], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'error' } });
      return { name, url: `http://127.0.0.1:${manifest.lianxin.port}/graphql`, schemaPath: join(dir, name, 'schema.graphql'), sdl };
    });
}

export function compose(list: Array<Pick<Subgraph, 'name' | 'url' | 'sdl'>>): string {
  const result = composeServices(list.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

function readOrEmpty(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function main(mode: string): number {
  const list = subgraphs();
  const supergraph = compose(list);
  if (mode === 'compose') {
    for (const subgraph of list) writeFileSync(subgraph.schemaPath, subgraph.sdl);
    writeFileSync(supergraphPath, supergraph);
    console.log(`[supergraph] composed ${list.length} subgraphs into gateway/supergraph.graphql`);
    return 0;
  }
  const stale = [
    ...list.filter((subgraph) => readOrEmpty(subgraph.schemaPath) !== subgraph.sdl).map((s) => `services/${s.name}/schema.graphql`),
    ...(readOrEmpty(supergraphPath) !== supergraph ? ['gateway/supergraph.graphql'] : []),
  ];
  if (stale.length > 0) {
    console.error(`[supergraph] stale: ${stale.join(', ')}. Run ./lianxin supergraph compose and commit the result.`);
    return 1;
  }
  console.log(`[supergraph] ${list.length} subgraphs compose; committed SDL and supergraph are current`);
  return 0;
}

try {
  process.exitCode = main(process.argv[2] ?? 'check');
} catch (error) {
  console.error(`[supergraph] ${(error as Error).message}`);
  process.exitCode = 1;
}
