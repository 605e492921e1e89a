// What planning the registered operations costs (issue 20), measured in fresh processes so that every
// plan is a first plan, as on a gateway's first request of it. CPU time (process.cpuUsage), so a busy
// machine stretches it less than wall clock. Needs the gateway built (gateway/dist).
//
//   node tools/bench/plan-cost.ts [--runs 5] [--show ConsoleViewer,ConsoleMyGrid,ConsoleDueToday,ConsoleCareDue]
//
// Prints, as medians over the runs: the planner of the supergraph (Supergraph.build + QueryPlanner, what
// the preparation builds beside the gateway's own), the 48-odd plans together, and each --show operation
// planned first in a fresh planner (the worst case of a first request) and in manifest order after the others.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = process.env.LIANXIN_ROOT ?? resolve(import.meta.dirname, '../..');
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    show: { type: 'string', default: 'ConsoleViewer,ConsoleMyGrid,ConsoleDueToday,ConsoleCareDue' },
    child: { type: 'string' },
  },
});

interface Manifest {
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

if (flags.child !== undefined) {
  // One measurement in this (fresh) process: --child "" = all in manifest order, --child Name = Name alone first.
  const { planner } = (await import(join(root, 'gateway', 'dist', 'plans', 'apollo-gateway-contract.js'))) as typeof import('../../gateway/src/plans/apollo-gateway-contract.ts');
  const { parse } = await import('graphql');
  const manifest = JSON.parse(readFileSync(join(root, 'gateway', 'persisted-operations.json'), 'utf8')) as Manifest;
  const plannable = manifest.operations.filter((operation) => operation.type !== 'subscription');
  const sdl = readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8');
  const documents = new Map(plannable.map((operation) => [operation.name, parse(operation.body)]));
  let started = process.cpuUsage();
  const operationPlanner = planner(sdl, {}, {});
  const plannerMs = cpuMs(started);
  const perOperation: Record<string, number> = {};
  const order = flags.child ? [flags.child] : plannable.map((operation) => operation.name);
  started = process.cpuUsage();
  for (const name of order) {
    const one = process.cpuUsage();
    operationPlanner.plan(documents.get(name)!, name);
    perOperation[name] = cpuMs(one);
  }
  console.log(JSON.stringify({ plannerMs, plansMs: cpuMs(started), plans: order.length, perOperation }));
} else {
  const runs = Number(flags.runs);
  const show = flags.show!.split(',');
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const round1 = (value: number) => Math.round(value * 10) / 10;
  const child = (name: string) =>
    JSON.parse(execFileSync(process.execPath, [import.meta.filename, '--child', name], { cwd: root, encoding: 'utf8' })) as {
      plannerMs: number;
      plansMs: number;
      plans: number;
      perOperation: Record<string, number>;
    };
  const all = Array.from({ length: runs }, () => child(''));
  const alone = Object.fromEntries(show.map((name) => [name, Array.from({ length: runs }, () => child(name).perOperation[name])]));
  console.log(`plan cost, CPU ms, medians of ${runs} fresh processes (load average ${(await import('node:os')).loadavg().map(round1).join(' ')})`);
  console.log(`planner of the supergraph (Supergraph.build + QueryPlanner): ${round1(median(all.map((run) => run.plannerMs)))}`);
  console.log(`all ${all[0].plans} registered queries and mutations, planned in manifest order: ${round1(median(all.map((run) => run.plansMs)))}`);
  console.log('| operation | planned first in a fresh planner | in manifest order, after the others |');
  console.log('|---|---|---|');
  for (const name of show) console.log(`| ${name} | ${round1(median(alone[name]))} | ${round1(median(all.map((run) => run.perOperation[name])))} |`);
}
