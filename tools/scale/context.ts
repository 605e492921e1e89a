import { buildPlan, type ScaleName, type ScalePlan } from './area-plan.ts';
import { CopySink, connectionFromEnv, databaseName, type Connection } from './copy-sink.ts';
import { ScaleIds, assertDemoLayout } from './ids.ts';
import { SinkReporter } from './progress.ts';
import { loadCasesConfig, localDay, localTime } from './service-code.ts';

/** What every loader needs: the plan, the id scheme, the time frame and a way to open COPY streams. */
export interface LoadContext {
  plan: ScalePlan;
  ids: ScaleIds;
  seed: number;
  timeZone: string;
  /** The data ends here: the start of the as-of day, local time. */
  asOf: Date;
  asOfDay: string;
  /** Case history and most records start here (caseDays before asOf). */
  since: Date;
  sinceDay: string;
  connection: Connection;
  reporter: SinkReporter;
  /** Every COPY stream opened so far (to abort them all when the loader fails). */
  sinks: CopySink[];
  sink(service: string, table: string, columns: readonly string[], expected: number): CopySink;
}

export interface ScaleOptions {
  scale: ScaleName;
  seed: number;
  asOfDay: string;
}

/** The cases service's time zone (CASES_TIME_ZONE): report days, case numbers and deadlines are local to it. */
export const TIME_ZONE = loadCasesConfig().timeZone;

/** Today in the county's time zone: the default as-of day (same seed and same day → same data). */
export function todayInZone(): string {
  return localDay(new Date(), TIME_ZONE);
}

export function loadContext(options: ScaleOptions): LoadContext {
  const plan = buildPlan(options.scale, options.seed);
  assertDemoLayout(plan);
  const connection = connectionFromEnv();
  const reporter = new SinkReporter();
  const sinks: CopySink[] = [];
  const asOf = localTime(options.asOfDay, 0, 0, 0, TIME_ZONE);
  const since = new Date(asOf.getTime() - plan.size.caseDays * 86_400_000);
  return {
    plan,
    ids: new ScaleIds(options.seed),
    seed: options.seed,
    timeZone: TIME_ZONE,
    asOf,
    asOfDay: options.asOfDay,
    since,
    sinceDay: localDay(since, TIME_ZONE),
    connection,
    reporter,
    sinks,
    sink: (service, table, columns, expected) => {
      const sink = new CopySink(connection, databaseName(service), table, columns);
      sinks.push(sink);
      return reporter.track(sink, `${service}.${table}`, expected);
    },
  };
}
