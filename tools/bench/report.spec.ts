import { usage, type Snapshot } from './proc.ts';
import { renderHtml, renderText, type BenchResults, type StepResult } from './report.ts';

function snap(at: number, processes: Record<string, Record<number, number>>, busy: number, total: number): Snapshot {
  return {
    at,
    machine: { busy, total },
    processes: Object.fromEntries(Object.entries(processes).map(([name, cpuByPid]) => [name, { cpuByPid, rssMiB: 100 }])),
  };
}

describe('usage', () => {
  it('sums CPU per pid, counts pids that appear in the window, ignores ones that end', () => {
    const first = snap(0, { gateway: { 1: 10 }, postgres: { 2: 5, 3: 1 } }, 1000, 4000);
    // 10 s later: gateway used 5 s; backend 3 ended; backend 4 appeared with 2 s; backend 2 used 1 s.
    const last = snap(10_000, { gateway: { 1: 15 }, postgres: { 2: 6, 4: 2 } }, 1000 + 1200, 4000 + 2000);
    const result = usage([first, last], 2);
    expect(result?.processes.gateway.cpuPct).toBe(50);
    expect(result?.processes.postgres.cpuPct).toBe(30);
    expect(result?.machinePct).toBe(120);
    expect(result?.otherPct).toBe(40);
  });

  it('needs two snapshots', () => {
    expect(usage([snap(0, {}, 0, 0)], 2)).toBeNull();
  });
});

function step(rate: number, p95: number, sustained: boolean): StepResult {
  return {
    rate,
    achievedRps: rate,
    requests: rate * 20,
    errors: 0,
    dropped: 0,
    latencyMs: { avg: p95 / 2, min: 1, p50: p95 / 3, p90: p95 * 0.9, p95, p99: p95 * 1.5, max: p95 * 2 },
    sustained,
    usage: { windowS: 20, cores: 2, machinePct: 120, otherPct: 5, processes: { gateway: { cpuPct: 40, rssMiB: 300, rssMaxMiB: 310 }, organizations: { cpuPct: 60, rssMiB: 250, rssMaxMiB: 260 } } },
    dbCommitsPerRequest: { organizations: 10 },
    noisy: false,
    firstAttempt: null,
    loadavg: 1,
    log: '',
  };
}

const results: BenchResults = {
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:10:00.000Z',
  wallS: 600,
  machine: { cores: 2, otherBeforePct: 3, loadavgBefore: [0.5, 0.5, 0.5] },
  versions: { node: 'v24', k6: 'k6 v1.8.1', hiveGateway: '2.15.1' },
  settings: { rates: [50, 100, 200], duration: '20s', warmup: '5s', p95Ms: 100, targets: ['apollo', 'direct'], fullLadder: false, env: {} },
  scenarios: [
    {
      name: 'area-tree',
      skipped: null,
      aborted: null,
      targets: [
        { target: 'apollo', url: 'http://127.0.0.1:4000/graphql', warmup: null, steps: [step(50, 20, true), step(100, 300, false)], maxSustained: { rate: 50, achievedRps: 50, latencyMs: step(50, 20, true).latencyMs }, note: null },
        { target: 'direct', url: 'http://127.0.0.1:4101/graphql', warmup: null, steps: [step(50, 10, true), step(100, 12, true), step(200, 500, false)], maxSustained: { rate: 100, achievedRps: 100, latencyMs: step(100, 12, true).latencyMs }, note: null },
      ],
    },
    { name: 'department-grid', skipped: 'police is not composed', aborted: null, targets: [] },
  ],
};

describe('renderers', () => {
  it('prints the highest sustained rate per target, the gateway overhead and skipped scenarios', () => {
    const text = renderText(results);
    expect(text).toMatch(/apollo\s+50\/s \(got 50\/s\)/);
    expect(text).toMatch(/direct\s+100\/s/);
    expect(text).toContain('apollo adds 3.3 ms at p50 and 10.0 ms at p95 at 50/s; max sustained 50/s vs 100/s direct');
    expect(text).toContain('department-grid: skipped — police is not composed');
  });

  it('writes a self-contained page: inline SVG, nothing fetched', () => {
    const html = renderHtml(results);
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('Skipped: police is not composed');
  });
});
