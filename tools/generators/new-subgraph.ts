// ./lianxin new-subgraph <name> [--port N] [--dir DIR]: scaffolds a department subgraph (run by Node 24
// directly). It extends Grid with the department's own records and comes with auth, area scoping,
// database, migrations, events, health, metrics and an integration test wired in.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const templateDir = join(dirname(fileURLToPath(import.meta.url)), 'subgraph-template');
const root = process.env.LIANXIN_ROOT ?? process.cwd();

export interface SubgraphNames {
  name: string;
  Name: string;
  camel: string;
  snake: string;
  port: string;
  stamp: string;
}

export function namesFor(name: string, port: number, now = new Date()): SubgraphNames {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) throw new Error(`name must be kebab-case letters and digits: ${name}`);
  const words = name.split('-');
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return {
    name,
    Name: pascal,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    snake: words.join('_'),
    port: String(port),
    stamp: now.toISOString().replace(/\D/g, '').slice(0, 14),
  };
}

export function render(text: string, names: SubgraphNames): string {
  return text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => (key in names ? names[key as keyof SubgraphNames] : match));
}

/** The next port after the highest one a service uses (department subgraphs start at 4110). */
export function nextPort(servicesDir: string): number {
  const ports = readdirSync(servicesDir)
    .map((name) => join(servicesDir, name, 'package.json'))
    .filter((file) => existsSync(file))
    .map((file) => Number(JSON.parse(readFileSync(file, 'utf8')).lianxin?.port ?? 0));
  return Math.max(4109, ...ports) + 1;
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : [path];
  });
}

export function generateSubgraph(target: string, names: SubgraphNames): string[] {
  if (existsSync(target)) throw new Error(`${target} already exists`);
  return templateFiles(templateDir).map((file) => {
    const out = join(target, render(relative(templateDir, file), names).replace(/\.tmpl$/, ''));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, render(readFileSync(file, 'utf8'), names));
    return out;
  });
}

/** Adds the new project to the root tsconfig.json so `tsc -b` and Nx build it. */
function addTsReference(target: string): void {
  const path = join(root, 'tsconfig.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { references: Array<{ path: string }> };
  const reference = relative(root, target);
  if (!config.references.some((entry) => entry.path === reference)) {
    config.references.push({ path: reference });
    writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  }
}

/**
 * Gives the new subgraph its own NATS user (tools/nats/nats-users.json): it publishes its own domain
 * (`<name>.>`) and consumes nothing until its consumers are added there (issue 14).
 */
export function addNatsUser(usersFile: string, name: string): boolean {
  const table = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: Record<string, unknown> };
  if (table.users[name]) return false;
  table.users[name] = { publishes: name, consumers: [] };
  writeFileSync(usersFile, `${JSON.stringify(table, null, 2)}\n`);
  return true;
}

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { port: { type: 'string' }, dir: { type: 'string' } } });
  const name = positionals[0];
  if (!name) throw new Error('usage: ./lianxin new-subgraph <name> [--port N] [--dir DIR]');
  const servicesDir = join(root, 'services');
  const names = namesFor(name, values.port ? Number(values.port) : nextPort(servicesDir));
  const target = values.dir ?? join(servicesDir, name);
  const files = generateSubgraph(target, names);
  addTsReference(target);
  addNatsUser(join(root, 'tools', 'nats', 'nats-users.json'), name);
  console.log(`[new-subgraph] ${files.length} files in ${relative(root, target)} (port ${names.port})`);
  console.log(`Next:
  1. ./lianxin npm install            (links @lianxin/${name} into the workspace; tsconfig.json already references it)
     tools/nats/nats-users.json has its NATS user now (publishes ${name}.>); add its consumers there
  2. ./lianxin build && ./lianxin migrate up ${name}
  3. edit src/record/ into your department's own types; ./lianxin migrate create ${name} after entity changes
  4. node ${relative(root, target)}/dist/print-schema.js > /tmp/${name}.graphql
     ./lianxin supergraph check --subgraph ${name}=/tmp/${name}.graphql   (composition + breaking-change check)
  5. ./lianxin supergraph compose      (then commit services/${name}/schema.graphql and gateway/supergraph.graphql)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`[new-subgraph] ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
