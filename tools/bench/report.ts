// Renders bench results: a text table for the terminal and a self-contained HTML page (inline SVG
// and CSS, nothing fetched) for .lianxin/bench/.
import type { Usage } from './proc.ts';

export interface Latency {
  avg: number | null;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface StepResult {
  rate: number;
  achievedRps: number;
  requests: number;
  errors: number;
  dropped: number;
  latencyMs: Latency;
  sustained: boolean;
  usage: Usage | null;
  /** Database transactions per request, per service database (ΔXact / requests). */
  dbCommitsPerRequest: Record<string, number> | null;
  /** Other work on the machine took more than BENCH_QUIET_PCT during the step. */
  noisy: boolean;
  /** When a noisy step failed and was retried: what the first attempt measured. */
  firstAttempt: { achievedRps: number; latencyMs: Latency; errors: number; otherPct: number | null; otherBeforeRetryPct: number } | null;
  loadavg: number;
  log: string;
  /** The scenario's own metrics (e.g. event_lag_p99_ms of case-write), as its k6 summary kept them. */
  extras?: Record<string, Record<string, number>>;
}

export interface TargetResult {
  target: string;
  url: string;
  warmup: StepResult | null;
  steps: StepResult[];
  maxSustained: { rate: number; achievedRps: number; latencyMs: Latency } | null;
  note: string | null;
}

export interface ScenarioResult {
  name: string;
  /** A step is sustained under this p95 (the scenario's own target, else the bench's). */
  p95Ms?: number;
  skipped: string | null;
  /** Why the ladder stopped early (the stack was restarted during the run). */
  aborted: string | null;
  targets: TargetResult[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  wallS: number;
  machine: { cores: number; otherBeforePct: number; loadavgBefore: number[] };
  versions: Record<string, string>;
  settings: { rates: number[]; duration: string; warmup: string; p95Ms: number; targets: string[]; fullLadder: boolean; env: Record<string, string> };
  scenarios: ScenarioResult[];
}

const COLORS: Record<string, string> = { apollo: '#c2410c', hive: '#0f766e', direct: '#4338ca' };
const PROCESS_COLORS = ['#c2410c', '#0f766e', '#4338ca', '#a16207', '#be185d', '#15803d', '#6d28d9', '#0369a1', '#78716c'];

function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** Processes worth a column: the gateways, busy subgraphs, Postgres and k6; idle ones go into "rest". */
function processNames(scenario: ScenarioResult): string[] {
  const peak = new Map<string, number>();
  for (const target of scenario.targets)
    for (const step of target.steps)
      for (const [name, p] of Object.entries(step.usage?.processes ?? {})) peak.set(name, Math.max(peak.get(name) ?? 0, p.cpuPct));
  const always = ['gateway', 'hive-gateway', 'postgres', 'k6'];
  const order = (name: string) => (name === 'gateway' ? 0 : name === 'hive-gateway' ? 1 : name === 'postgres' ? 90 : name === 'k6' ? 91 : 10);
  return [...peak.entries()]
    .filter(([name, cpu]) => always.includes(name) || cpu >= 3)
    .map(([name]) => name)
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** CPU and RSS of the processes without a column of their own (idle subgraphs). */
function rest(step: StepResult, names: string[]): { cpuPct: number; rssMiB: number; count: number } {
  let cpuPct = 0;
  let rssMiB = 0;
  let count = 0;
  for (const [name, p] of Object.entries(step.usage?.processes ?? {})) {
    if (names.includes(name)) continue;
    cpuPct += p.cpuPct;
    rssMiB += p.rssMiB;
    count++;
  }
  return { cpuPct: Math.round(cpuPct * 10) / 10, rssMiB, count };
}

/** Gateway overhead: p50 through the gateway vs the subgraph directly, at the highest rate both sustained. */
function overhead(scenario: ScenarioResult): string | null {
  const direct = scenario.targets.find((t) => t.target === 'direct');
  if (!direct?.maxSustained) return null;
  const lines: string[] = [];
  for (const gateway of scenario.targets.filter((t) => t.target !== 'direct')) {
    const common = gateway.steps.filter((s) => s.sustained && direct.steps.some((d) => d.sustained && d.rate === s.rate)).pop();
    if (!common) continue;
    const d = direct.steps.find((s) => s.rate === common.rate) as StepResult;
    lines.push(
      `${gateway.target} adds ${ms((common.latencyMs.p50 ?? 0) - (d.latencyMs.p50 ?? 0))} ms at p50 and ${ms((common.latencyMs.p95 ?? 0) - (d.latencyMs.p95 ?? 0))} ms at p95 at ${common.rate}/s; ` +
        `max sustained ${gateway.maxSustained?.rate ?? 0}/s vs ${direct.maxSustained.rate}/s direct`,
    );
  }
  return lines.length > 0 ? lines.join('\n  ') : null;
}

export function renderText(results: BenchResults): string {
  const out: string[] = [];
  out.push(`Bench ${results.startedAt} — ${results.machine.cores} cores, wall ${results.wallS}s; ${results.settings.duration} per step; sustained = p95 < ${results.settings.p95Ms} ms, no errors, ≥ 95 % of the rate`);
  const env = Object.entries(results.settings.env ?? {});
  if (env.length > 0) out.push(`Settings: ${env.map(([k, v]) => `${k}=${v}`).join(' ')}`);
  for (const scenario of results.scenarios) {
    out.push('');
    if (scenario.skipped) {
      out.push(`${scenario.name}: skipped — ${scenario.skipped}`);
      continue;
    }
    const ownTarget = scenario.p95Ms !== undefined && scenario.p95Ms !== results.settings.p95Ms ? ` (sustained here: p95 < ${scenario.p95Ms} ms)` : '';
    out.push(`${scenario.name}${ownTarget}${scenario.aborted ? ` — stopped early: ${scenario.aborted}` : ''}`);
    out.push(`  ${pad('target', 8)} ${pad('max sustained', 22)} p50 / p95 / p99 at that rate`);
    for (const target of scenario.targets) {
      const best = target.maxSustained;
      out.push(
        `  ${pad(target.target, 8)} ${pad(best ? `${best.rate}/s (got ${best.achievedRps}/s)` : 'none', 22)} ` +
          (best ? `${ms(best.latencyMs.p50)} / ${ms(best.latencyMs.p95)} / ${ms(best.latencyMs.p99)} ms` : '') +
          (target.note ? `  (${target.note})` : ''),
      );
    }
    const extra = overhead(scenario);
    if (extra) out.push(`  ${extra}`);
    const names = processNames(scenario);
    out.push('');
    out.push(
      `  ${pad('target', 8)} ${pad('rate', 5, true)} ${pad('got', 7, true)} ${pad('p50', 6, true)} ${pad('p95', 6, true)} ${pad('p99', 6, true)} ${pad('err', 5, true)} ${pad('drop', 5, true)}  ok    ` +
        names.map((name) => pad(name, 17)).join(' ') +
        ` ${pad('rest', 14)} other   db tx/req`,
    );
    for (const target of scenario.targets) {
      for (const step of target.steps) {
        const l = step.latencyMs;
        const cells = names.map((name) => {
          const p = step.usage?.processes[name];
          return pad(p ? `${p.cpuPct}% ${p.rssMiB}M` : '–', 17);
        });
        const db = step.dbCommitsPerRequest ? Object.entries(step.dbCommitsPerRequest).map(([k, v]) => `${k} ${v}`).join(', ') : '–';
        const others = rest(step, names);
        out.push(
          `  ${pad(target.target, 8)} ${pad(String(step.rate), 5, true)} ${pad(String(step.achievedRps), 7, true)} ${pad(ms(l.p50), 6, true)} ${pad(ms(l.p95), 6, true)} ${pad(ms(l.p99), 6, true)} ` +
            `${pad(String(step.errors), 5, true)} ${pad(String(step.dropped), 5, true)}  ${step.sustained ? 'yes' : 'no '}${step.firstAttempt ? 'r' : step.noisy ? '*' : ' '}  ${cells.join(' ')} ${pad(step.usage ? `${others.cpuPct}% ${others.rssMiB}M` : '–', 14)} ${pad(`${step.usage?.otherPct ?? '–'}%`, 7)} ${db}`,
        );
        const extras = extrasText(step.extras);
        if (extras) out.push(`  ${pad('', 8)} ${extras}`);
      }
    }
  }
  out.push('');
  out.push(
    `CPU is % of one core averaged over the step (the machine has ${results.machine.cores * 100}%), RSS the average MiB; "rest" sums the stack's idle ` +
      'subgraphs; "other" is busy CPU outside the stack, Hive Gateway and k6 (other work on the machine); db tx/req: PostgreSQL commits per request per service database. ' +
      'ok: r = retried after a noisy failure, * = noisy (other work > 25 % of a core).',
  );
  return out.join('\n');
}

/** "event_lag_p99_ms 118, events_applied 442": a scenario's own gauges and counters, in one line. */
export function extrasText(extras: StepResult['extras']): string {
  return Object.entries(extras ?? {})
    .map(([name, values]) => `${name} ${values.value ?? values.count ?? values['p(95)'] ?? '–'}`)
    .join(', ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
}

/** A small line chart: x is the ladder (equal spacing), y linear or log. */
function lineChart(title: string, rates: number[], series: Series[], options: { log: boolean; yLabel: string; threshold?: number; diagonal?: boolean }): string {
  const width = 460;
  const height = 270;
  const left = 56;
  const right = 12;
  const top = 40;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => v > 0);
  if (options.threshold) values.push(options.threshold);
  if (options.diagonal) values.push(...rates);
  const maxValue = Math.max(1, ...values);
  const minValue = options.log ? Math.max(0.5, Math.min(...values, options.threshold ?? Infinity) / 1.5) : 0;
  const yMax = options.log ? 10 ** Math.ceil(Math.log10(maxValue)) : maxValue * 1.1;
  const yMin = options.log ? 10 ** Math.floor(Math.log10(minValue)) : 0;
  const x = (rate: number) => left + (rates.length === 1 ? plotW / 2 : (rates.indexOf(rate) / (rates.length - 1)) * plotW);
  const y = (value: number) => {
    const v = Math.max(value, yMin);
    const fraction = options.log ? (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) : (v - yMin) / (yMax - yMin);
    return top + plotH - fraction * plotH;
  };
  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`);
  parts.push(`<text x="${left}" y="16" class="title">${escapeHtml(title)}</text>`);
  const ticks: number[] = [];
  if (options.log) for (let v = yMin; v <= yMax * 1.0001; v *= 10) ticks.push(v);
  else for (let i = 0; i <= 4; i++) ticks.push((yMax / 4) * i);
  for (const tick of ticks) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" class="tick" text-anchor="end">${tick >= 1000 ? `${tick / 1000}k` : Math.round(tick * 10) / 10}</text>`);
  }
  for (const rate of rates) parts.push(`<text x="${x(rate).toFixed(1)}" y="${height - bottom + 16}" class="tick" text-anchor="middle">${rate}</text>`);
  parts.push(`<text x="${left + plotW / 2}" y="${height - 6}" class="axis" text-anchor="middle">offered rate (requests/s)</text>`);
  parts.push(`<text x="14" y="${top + plotH / 2}" class="axis" text-anchor="middle" transform="rotate(-90 14 ${top + plotH / 2})">${escapeHtml(options.yLabel)}</text>`);
  if (options.threshold) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(options.threshold).toFixed(1)}" y2="${y(options.threshold).toFixed(1)}" class="limit"/>`);
    parts.push(`<text x="${width - right - 4}" y="${(y(options.threshold) - 4).toFixed(1)}" class="tick" text-anchor="end">${options.threshold} ms</text>`);
  }
  if (options.diagonal) {
    parts.push(`<polyline class="limit" fill="none" points="${rates.map((r) => `${x(r).toFixed(1)},${y(r).toFixed(1)}`).join(' ')}"/>`);
  }
  series.forEach((s, index) => {
    if (s.points.length === 0) return;
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points.map(([r, v]) => `${x(r).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`);
    for (const [r, v] of s.points) parts.push(`<circle cx="${x(r).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeHtml(s.label)} ${r}/s: ${v}</title></circle>`);
    parts.push(`<rect x="${left + index * 80}" y="22" width="10" height="10" fill="${s.color}"/><text x="${left + 14 + index * 80}" y="31" class="tick">${escapeHtml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Where the CPU went at each target's highest sustained step (else its first step): stacked bars. */
function cpuChart(scenario: ScenarioResult, cores: number): string {
  const rows = scenario.targets
    .map((t) => ({ target: t.target, step: t.steps.filter((s) => s.sustained).pop() ?? t.steps[0], sustained: t.steps.some((s) => s.sustained) }))
    .filter((row) => row.step?.usage);
  if (rows.length === 0) return '';
  const names = processNames(scenario);
  const legend = [...names, 'rest', 'other'];
  const color = (name: string) => (name === 'other' ? '#d6d3d1' : name === 'rest' ? '#a8a29e' : PROCESS_COLORS[names.indexOf(name) % PROCESS_COLORS.length]);
  const width = 520;
  const left = 130;
  const barH = 22;
  const perRow = 4;
  const legendRows = Math.ceil(legend.length / perRow);
  const height = 34 + rows.length * (barH + 10) + 30 + legendRows * 16;
  const scale = (width - left - 12) / (cores * 100);
  const parts = [`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="CPU per process">`];
  parts.push(`<text x="10" y="16" class="title">CPU per process, % of one core (machine: ${cores * 100}%)</text>`);
  rows.forEach((row, index) => {
    const top = 28 + index * (barH + 10);
    parts.push(`<text x="${left - 6}" y="${top + 15}" class="tick" text-anchor="end">${escapeHtml(`${row.target} @ ${row.step.rate}/s${row.sustained ? '' : ' (failed)'}`)}</text>`);
    let offset = left;
    const processes = row.step.usage?.processes ?? {};
    const entries: Array<[string, number]> = names.filter((n) => processes[n]).map((n) => [n, processes[n].cpuPct]);
    entries.push(['rest', rest(row.step, names).cpuPct], ['other', row.step.usage?.otherPct ?? 0]);
    for (const [name, pct] of entries) {
      const w = Math.max(0, Math.min(pct * scale, width - 12 - offset));
      parts.push(`<rect x="${offset.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${barH}" fill="${color(name)}"><title>${escapeHtml(name)}: ${pct}%</title></rect>`);
      if (w > 26) parts.push(`<text x="${(offset + w / 2).toFixed(1)}" y="${top + 15}" class="bar" text-anchor="middle">${Math.round(pct)}</text>`);
      offset += w;
    }
  });
  const axisTop = 28 + rows.length * (barH + 10);
  for (let pct = 0; pct <= cores * 100; pct += 50) {
    parts.push(`<text x="${(left + pct * scale).toFixed(1)}" y="${axisTop + 8}" class="tick" text-anchor="middle">${pct}</text>`);
  }
  legend.forEach((name, index) => {
    const x = 10 + (index % perRow) * 125;
    const y = axisTop + 30 + Math.floor(index / perRow) * 16;
    parts.push(`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${color(name)}"/><text x="${x + 14}" y="${y}" class="tick">${escapeHtml(name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function stepTable(scenario: ScenarioResult): string {
  const names = processNames(scenario);
  const head = ['target', 'rate', 'achieved', 'p50', 'p95', 'p99', 'errors', 'dropped', 'sustained', ...names.map((n) => `${n} CPU% / RSS MiB`), 'rest CPU% / RSS MiB', 'other CPU%', 'db tx/request'];
  const rows = scenario.targets.flatMap((target) =>
    target.steps.map((step) => {
      const cells = [
        target.target,
        String(step.rate),
        String(step.achievedRps),
        ms(step.latencyMs.p50),
        ms(step.latencyMs.p95),
        ms(step.latencyMs.p99),
        String(step.errors),
        String(step.dropped),
        (step.sustained ? 'yes' : 'no') + (step.firstAttempt ? ' (retried)' : step.noisy ? ' (noisy)' : ''),
        ...names.map((name) => {
          const p = step.usage?.processes[name];
          return p ? `${p.cpuPct} / ${p.rssMiB}` : '–';
        }),
        step.usage ? `${rest(step, names).cpuPct} / ${rest(step, names).rssMiB}` : '–',
        String(step.usage?.otherPct ?? '–'),
        step.dbCommitsPerRequest ? Object.entries(step.dbCommitsPerRequest).map(([k, v]) => `${k} ${v}`).join(', ') : '–',
      ];
      return `<tr class="${step.sustained ? '' : 'miss'}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    }),
  );
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderHtml(results: BenchResults): string {
  const sections = results.scenarios.map((scenario) => {
    if (scenario.skipped) return `<section><h2>${escapeHtml(scenario.name)}</h2><p class="skip">Skipped: ${escapeHtml(scenario.skipped)}</p></section>`;
    const rates = results.settings.rates.filter((rate) => scenario.targets.some((t) => t.steps.some((s) => s.rate === rate)));
    const series = (pick: (step: StepResult) => number | null): Series[] =>
      scenario.targets.map((t) => ({
        label: t.target,
        color: COLORS[t.target] ?? '#444',
        points: t.steps.map((s) => [s.rate, pick(s)] as [number, number | null]).filter((p): p is [number, number] => p[1] !== null),
      }));
    const summary = scenario.targets
      .map((t) => {
        const best = t.maxSustained;
        return `<tr><td>${escapeHtml(t.target)}</td><td>${best ? `${best.rate}/s (achieved ${best.achievedRps}/s)` : 'none'}</td><td>${best ? `${ms(best.latencyMs.p50)} / ${ms(best.latencyMs.p95)} / ${ms(best.latencyMs.p99)} ms` : ''}</td><td>${escapeHtml(t.note ?? t.url)}</td></tr>`;
      })
      .join('');
    const extra = overhead(scenario);
    return `<section><h2>${escapeHtml(scenario.name)}</h2>
${scenario.aborted ? `<p class="skip">Stopped early: ${escapeHtml(scenario.aborted)}</p>` : ''}
<table><thead><tr><th>target</th><th>max sustained</th><th>p50 / p95 / p99 there</th><th>where</th></tr></thead><tbody>${summary}</tbody></table>
${extra ? `<p>${escapeHtml(extra).replace(/\n/g, '<br>')}</p>` : ''}
<div class="charts">
${lineChart('p95 latency', rates, series((s) => s.latencyMs.p95), { log: true, yLabel: 'ms (log)', threshold: results.settings.p95Ms })}
${lineChart('achieved rate', rates, series((s) => s.achievedRps), { log: false, yLabel: 'requests/s', diagonal: true })}
${cpuChart(scenario, results.machine.cores)}
</div>
${stepTable(scenario)}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lianxin bench ${escapeHtml(results.startedAt)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1c1917;max-width:1400px}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
td,th{border:1px solid #e7e5e4;padding:3px 8px;text-align:right;white-space:nowrap}
th{background:#f5f5f4}td:first-child,th:first-child{text-align:left}
tr.miss td{color:#a8a29e}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin:12px 0}
svg{background:#fafaf9;border:1px solid #e7e5e4}
.title{font-size:13px;font-weight:600}.tick{font-size:11px;fill:#57534e}.axis{font-size:11px;fill:#44403c}
.bar{font-size:11px;fill:#fff}
.grid{stroke:#e7e5e4}.limit{stroke:#a8a29e;stroke-dasharray:4 3}
.skip{color:#a16207}
</style></head><body>
<h1>Lianxin bench — ${escapeHtml(results.startedAt)}</h1>
<p>${results.machine.cores} cores (other work took ${results.machine.otherBeforePct}% of one core before the run), wall time ${results.wallS} s.
Ladder ${results.settings.rates.join(', ')} requests/s, ${escapeHtml(results.settings.duration)} per step after a ${escapeHtml(results.settings.warmup)} warm-up (k6 constant-arrival-rate).
A step is sustained when p95 &lt; ${results.settings.p95Ms} ms with no errors and ≥ 95 % of the offered rate was achieved; a target's ladder stops at its first step that is not.
Versions: ${escapeHtml(Object.entries(results.versions).map(([k, v]) => `${k} ${v}`).join(', '))}.
${Object.keys(results.settings.env ?? {}).length > 0 ? `Settings: ${escapeHtml(Object.entries(results.settings.env).map(([k, v]) => `${k}=${v}`).join(' '))}.` : ''}</p>
<p>CPU is % of one core averaged over the step; RSS is the average in MiB; "other" is busy CPU outside the listed processes (other work on the machine);
db tx/request is the change of PostgreSQL's commit counter per request for each service database.</p>
${sections.join('\n')}
</body></html>
`;
}
