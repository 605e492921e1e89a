// CPU and memory of processes from /proc (Linux): what the bench samples while a step runs.
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = Number(process.env.CLK_TCK ?? 100);
const PAGE_KIB = 4;

interface StatLine {
  pid: number;
  ppid: number;
  ticks: number;
  rssPages: number;
}

/** /proc/<pid>/stat: fields after the command name (which may contain spaces and parentheses). */
function readStat(pid: number): StatLine | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid = field 4, utime = 14, stime = 15, rss = 24
  return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
}

export function alive(pid: number): boolean {
  return readStat(pid) !== null;
}

function allStats(): Map<number, StatLine> {
  const stats = new Map<number, StatLine>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(stat.pid, stat);
  }
  return stats;
}

/** The process and its descendants; `keep` can leave descendants out (e.g. other databases' backends). */
function tree(root: number, stats: Map<number, StatLine>, keep?: (pid: number) => boolean): StatLine[] {
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) {
    const list = children.get(stat.ppid);
    if (list) list.push(stat.pid);
    else children.set(stat.ppid, [stat.pid]);
  }
  const result: StatLine[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    const stat = stats.get(pid);
    if (!stat || (pid !== root && keep && !keep(pid))) continue;
    result.push(stat);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

const backendDatabase = new Map<number, string | null>();

/**
 * A PostgreSQL backend's database from its title ("postgres: <user> <database> <client> <state>");
 * null for the postmaster's own helpers (checkpointer, walwriter …). Cached per pid.
 */
function postgresDatabase(pid: number): string | null {
  if (backendDatabase.has(pid)) return backendDatabase.get(pid) as string | null;
  let database: string | null = null;
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const match = /^postgres: \S+ (\S+) \S+\(\d+\)/.exec(title) ?? /^postgres: \S+ (\S+) \[local\]/.exec(title);
    database = match ? match[1] : null;
  } catch {
    database = null;
  }
  backendDatabase.set(pid, database);
  return database;
}

/** A process tree to sample; for PostgreSQL, only the backends of the given databases (and its helpers). */
export interface Root {
  pid: number;
  databases?: string[];
}

export interface ProcSample {
  /** CPU seconds (user + system) per pid of the tree, so processes that come and go are handled. */
  cpuByPid: Record<number, number>;
  /** Resident memory of the tree, MiB. */
  rssMiB: number;
}

export interface Snapshot {
  at: number;
  processes: Record<string, ProcSample>;
  machine: { busy: number; total: number };
}

/** Machine-wide CPU: busy and total jiffies from /proc/stat's first line. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0); // idle + iowait
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0); // guest time is already in user
  return { busy: total - idle, total };
}

/** One snapshot of the named process trees. */
export function snapshot(roots: Record<string, Root>): Snapshot {
  const stats = allStats();
  const processes: Record<string, ProcSample> = {};
  for (const [name, root] of Object.entries(roots)) {
    const databases = root.databases;
    const keep = databases
      ? (pid: number) => {
          const database = postgresDatabase(pid);
          return database === null || databases.includes(database);
        }
      : undefined;
    const members = tree(root.pid, stats, keep);
    if (members.length === 0) continue;
    const cpuByPid: Record<number, number> = {};
    for (const stat of members) cpuByPid[stat.pid] = stat.ticks / CLK_TCK;
    processes[name] = { cpuByPid, rssMiB: (members.reduce((sum, stat) => sum + stat.rssPages, 0) * PAGE_KIB) / 1024 };
  }
  return { at: Date.now(), processes, machine: machineTicks() };
}

export interface ProcessUsage {
  /** Average CPU over the window, % of one core (a 2-core machine tops out at 200). */
  cpuPct: number;
  rssMiB: number;
  rssMaxMiB: number;
}

export interface Usage {
  windowS: number;
  processes: Record<string, ProcessUsage>;
  /** Whole machine busy, % of one core. */
  machinePct: number;
  /** Busy time not spent in the sampled processes (other work on the machine), % of one core. */
  otherPct: number;
  cores: number;
}

/**
 * CPU between the first and last snapshot: per pid, last − first; a pid that appeared during the
 * window counts with all its CPU time; one that ended during it is missed (short-lived processes).
 * RSS is averaged over all snapshots.
 */
export function usage(snapshots: Snapshot[], cores: number): Usage | null {
  if (snapshots.length < 2) return null;
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  const seconds = (last.at - first.at) / 1000;
  const processes: Record<string, ProcessUsage> = {};
  let sampled = 0;
  for (const [name, end] of Object.entries(last.processes)) {
    const start = first.processes[name];
    if (!start) continue;
    let cpu = 0;
    for (const [pid, value] of Object.entries(end.cpuByPid)) cpu += value - (start.cpuByPid[Number(pid)] ?? 0);
    const rss = snapshots.map((s) => s.processes[name]?.rssMiB).filter((value): value is number => value !== undefined);
    const cpuPct = (cpu / seconds) * 100;
    sampled += cpuPct;
    processes[name] = {
      cpuPct: round(cpuPct, 1),
      rssMiB: round(rss.reduce((sum, value) => sum + value, 0) / rss.length, 0),
      rssMaxMiB: round(Math.max(...rss), 0),
    };
  }
  const machinePct = ((last.machine.busy - first.machine.busy) / (last.machine.total - first.machine.total)) * 100 * cores;
  return { windowS: round(seconds, 1), processes, machinePct: round(machinePct, 1), otherPct: round(Math.max(0, machinePct - sampled), 1), cores };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
