import { Migration } from '@mikro-orm/migrations';
import { CaseAction, CaseClass, HandlingLevel } from '../case/case-enums.js';
import { replayClock, type HistoryStep } from '../clock/case-clock.js';
import { DEFAULT_COUNTY_CLOCK, type ClockRule } from '../clock/clock.rules.js';
import { workingDaysFor, type DeadlineRuleLike } from '../deadline/working-calendar.js';
import { AREA_DAY_FROM_DAILY_SQL, RECOUNT_SQL } from '../stats/stats-recorder.js';
import { MONTHLY_FILL_SQL } from '../stats/monthly-rollup.js';
import { DAILY_COUNTERS, WORKER_COUNTERS } from '../stats/case-contribution.js';

const NEW_COUNTERS = ['proxy_rated', 'proxy_satisfied', 'proxy_basically_satisfied', 'proxy_unsatisfied', 'stage_overruns', 'reopen_resolved_on_time'];
const COUNTER_TABLES = ['case_daily_stat', 'case_area_day_stat', 'case_area_month_stat'];
const BATCH = 2_000;
const quote = (name: string) => `"${name}"`;

/**
 * DOMAIN.md §8.1 and §8.2 (issue 15): the case clock and stage clocks, stage overruns, proxy ratings,
 * closing an unsatisfied case by review, and their counters.
 *
 * Existing cases are recomputed honestly from their history with the service's own clock
 * (case-clock.ts replayClock, the default county settings and each county's DeadlineRule): the case
 * clock from verification (never reset by the hand-overs that used to reset it), each holder's stage
 * and whether it ran over (a case_stage_overrun row per stage), overdue on the case clock, the reopen
 * count; a rating entered by anyone but a resident becomes a proxy rating of unknown method. Clocks
 * found already missed are marked handled (a case without any history is left as it is), so the scheduler does not escalate for the past. Then the
 * counters are recounted with rebuildStats' SQL of today (a later migration that adds a counter must
 * freeze this recount first, as this one froze Migration20261125000100's fill).
 *
 * down() drops what up() added; the recomputed due_at and overdue stay (the old, per-holder values are
 * not kept), and the case_action label CLOSE_UNSATISFIED stays on the enum type (PostgreSQL cannot drop
 * an enum value; KEPT_ON_DOWN in the migration round-trip test).
 */
export class Migration20261207130000_case_clock extends Migration {

  override name = 'Migration20261207130000_case_clock';

  override async up(): Promise<void> {
    const ddl = [
      `create type "rating_method" as enum ('RESIDENT', 'PHONE', 'VISIT');`,
      `alter type "case_action" add value if not exists 'CLOSE_UNSATISFIED';`,
      `alter table "case" add column "clock_started_at" timestamptz null, add column "stage_started_at" timestamptz null, add column "stage_due_at" timestamptz null, add column "stage_overrun_marked_for" timestamptz null, add column "stage_overruns" int not null default 0, add column "clock_rule" jsonb null, add column "rating_method" "rating_method" null, add column "rating_by_proxy" boolean not null default false, add column "rated_by_user_id" text null, add column "unsatisfied_close_reason" text null;`,
      `create index "case_stage_due_idx" on "case" ("stage_due_at") where "status" in ('REPORTED', 'VERIFIED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS');`,
      `create table "case_stage_overrun" ("id" uuid not null, "case_id" uuid not null, "grid_code" text not null, "level" "handling_level" not null, "department_code" text null, "holder_user_id" text null, "stage_started_at" timestamptz not null, "stage_due_at" timestamptz not null, "detected_at" timestamptz not null, primary key ("id"));`,
      `create index "case_stage_overrun_case_idx" on "case_stage_overrun" ("case_id");`,
      `create index "case_stage_overrun_grid_idx" on "case_stage_overrun" ("grid_code" text_pattern_ops, "stage_due_at");`,
      ...COUNTER_TABLES.map((table) => `alter table ${quote(table)} ${NEW_COUNTERS.map((name) => `add column ${quote(name)} int not null default 0`).join(', ')};`),
    ];
    for (const sql of ddl) await this.execute(sql);
    await this.recomputeCases();
    await this.recount();
  }

  override async down(): Promise<void> {
    for (const table of COUNTER_TABLES) await this.execute(`alter table ${quote(table)} ${NEW_COUNTERS.map((name) => `drop column ${quote(name)}`).join(', ')};`);
    await this.execute(`drop table if exists "case_stage_overrun" cascade;`);
    await this.execute(`drop index "case_stage_due_idx";`);
    await this.execute(
      `alter table "case" drop column "clock_started_at", drop column "stage_started_at", drop column "stage_due_at", drop column "stage_overrun_marked_for", drop column "stage_overruns", drop column "clock_rule", drop column "rating_method", drop column "rating_by_proxy", drop column "rated_by_user_id", drop column "unsatisfied_close_reason";`,
    );
    await this.execute(`drop type "rating_method";`);
    // The counters as the older code counts them (every rating, no reopen exception) — the columns it knows.
    await this.recount(true);
  }

  private async recomputeCases(): Promise<void> {
    const timeZone = process.env.CASES_TIME_ZONE ?? 'Asia/Shanghai';
    const now = new Date();
    const holidays = await this.execute(`select to_char("day", 'YYYY-MM-DD') as day, "kind" from "holiday"`);
    const exceptions = {
      holidays: new Set(holidays.filter((row) => row.kind === 'HOLIDAY').map((row) => row.day as string)),
      makeUpWorkdays: new Set(holidays.filter((row) => row.kind === 'MAKE_UP_WORKDAY').map((row) => row.day as string)),
    };
    const deadlineRules = (await this.execute(`select "area_code", "category_code", "case_class", "working_days" from "deadline_rule"`)).map(
      (row): DeadlineRuleLike => ({ areaCode: row.area_code, categoryCode: row.category_code, caseClass: row.case_class, workingDays: row.working_days }),
    );
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const cases = await this.execute(
        `select "id", "grid_code", "category_code", "case_class", "rating" from "case" where "id" > ? order by "id" limit ?`,
        [after, BATCH],
      );
      if (cases.length === 0) break;
      after = cases.at(-1)!.id as string;
      const steps = await this.execute(
        `select "case_id", "action", "at", "to_level", "actor_user_id", "actor_roles", "note" from "case_history"
         where "case_id" in (${cases.map(() => '?').join(', ')}) order by "case_id", "seq"`,
        cases.map((c) => c.id),
      );
      const byCase = new Map<string, typeof steps>();
      for (const step of steps) byCase.set(step.case_id as string, [...(byCase.get(step.case_id as string) ?? []), step]);
      const updates: unknown[] = [];
      const overruns: unknown[] = [];
      for (const c of cases) {
        const history = byCase.get(c.id as string) ?? [];
        // Nothing to recompute from (rows written without a history, e.g. by a bulk load): left as they are.
        if (history.length === 0) continue;
        const county = (c.grid_code as string).slice(0, 6);
        const rule: ClockRule = { ...DEFAULT_COUNTY_CLOCK, classDays: workingDaysFor(deadlineRules, county, c.category_code as string, c.case_class as CaseClass) };
        const replay = replayClock(
          history.map((step): HistoryStep => ({ action: step.action as CaseAction, at: new Date(step.at as string), toLevel: step.to_level as HandlingLevel, actorUserId: step.actor_user_id as string, note: step.note as string | null })),
          rule,
          { exceptions, timeZone },
          now,
        );
        const overran = replay.stages.filter((stage) => stage.overran);
        const rating = [...history].reverse().find((step) => step.action === CaseAction.RATE || step.action === CaseAction.REOPEN);
        const byResident = !!rating && ((rating.actor_roles as string[] | null) ?? []).includes('resident');
        const passed = (at: Date | null) => (at && at.getTime() <= now.getTime() ? at.toISOString() : null);
        updates.push({
          id: c.id,
          clock_started_at: replay.clockStartedAt?.toISOString() ?? null,
          due_at: replay.dueAt?.toISOString() ?? null,
          stage_started_at: replay.stageStartedAt?.toISOString() ?? null,
          stage_due_at: replay.stageDueAt?.toISOString() ?? null,
          stage_overrun_marked_for: passed(replay.stageDueAt),
          overdue_marked_for: passed(replay.dueAt),
          stage_overruns: overran.length,
          overdue: replay.overdue,
          reopen_count: replay.reopenCount,
          clock_rule: rule,
          rating_method: c.rating && byResident ? 'RESIDENT' : null,
          rating_by_proxy: !!c.rating && !byResident,
          rated_by_user_id: c.rating && rating ? rating.actor_user_id : null,
        });
        for (const stage of overran) {
          overruns.push({
            case_id: c.id,
            grid_code: c.grid_code,
            level: stage.level,
            department_code: stage.departmentCode,
            holder_user_id: stage.holderUserId,
            stage_started_at: stage.startedAt.toISOString(),
            stage_due_at: stage.dueAt!.toISOString(),
            detected_at: stage.dueAt!.toISOString(),
          });
        }
      }
      await this.execute(
        `update "case" as c set "clock_started_at" = v.clock_started_at, "due_at" = v.due_at, "stage_started_at" = v.stage_started_at,
           "stage_due_at" = v.stage_due_at, "stage_overrun_marked_for" = v.stage_overrun_marked_for,
           "overdue_marked_for" = coalesce(v.overdue_marked_for, c."overdue_marked_for"), "stage_overruns" = v.stage_overruns,
           "overdue" = v.overdue, "reopen_count" = v.reopen_count, "clock_rule" = v.clock_rule,
           "rating_method" = v.rating_method::"rating_method", "rating_by_proxy" = v.rating_by_proxy, "rated_by_user_id" = v.rated_by_user_id
         from jsonb_to_recordset(?::jsonb) as v(id uuid, clock_started_at timestamptz, due_at timestamptz, stage_started_at timestamptz,
           stage_due_at timestamptz, stage_overrun_marked_for timestamptz, overdue_marked_for timestamptz, stage_overruns int, overdue boolean,
           reopen_count int, clock_rule jsonb, rating_method text, rating_by_proxy boolean, rated_by_user_id text)
         where c."id" = v.id`,
        [JSON.stringify(updates)],
      );
      if (overruns.length > 0) {
        await this.execute(
          `insert into "case_stage_overrun" ("id", "case_id", "grid_code", "level", "department_code", "holder_user_id", "stage_started_at", "stage_due_at", "detected_at")
           select gen_random_uuid(), v.case_id, v.grid_code, v.level::"handling_level", v.department_code, v.holder_user_id, v.stage_started_at, v.stage_due_at, v.detected_at
           from jsonb_to_recordset(?::jsonb) as v(case_id uuid, grid_code text, level text, department_code text, holder_user_id text,
             stage_started_at timestamptz, stage_due_at timestamptz, detected_at timestamptz)`,
          [JSON.stringify(overruns)],
        );
      }
    }
  }

  /** The counters from the case table (rebuildStats' statements); `legacy`: without the §8.1/§8.2 counters and rules (down). */
  private async recount(legacy = false): Promise<void> {
    const timeZone = process.env.CASES_TIME_ZONE ?? 'Asia/Shanghai';
    await this.execute('lock table "case" in share mode');
    for (const table of ['case_daily_stat', 'case_area_day_stat', 'case_area_month_stat', 'case_status_count', 'case_status_month_count', 'case_worker_stat']) {
      await this.execute(`delete from ${quote(table)}`);
    }
    const counters = legacy ? DAILY_COUNTERS.filter((name) => !NEW_COUNTERS.includes(name)) : [...DAILY_COUNTERS];
    const legacySql = (sql: string) =>
      legacy
        ? sql
            .replace(/ and c\.reopen_count = 0/g, '')
            .replace(/ and not c\.rating_by_proxy/g, '')
            .replace(/,\s*count\(\*\) filter \(where c\.rating is not null and c\.rating_by_proxy\)[\s\S]*?as reopen_resolved_on_time/, '')
        : sql;
    await this.execute(
      `insert into "case_daily_stat" ("area_code", "day", "category_code", "case_class", "source", ${counters.map(quote).join(', ')}) ${legacySql(RECOUNT_SQL.daily)}`,
      [timeZone],
    );
    const areaDay = `select "area_code", "day", ${counters.map((name) => `sum(${quote(name)})`).join(', ')} from "case_daily_stat" group by 1, 2`;
    await this.execute(`insert into "case_area_day_stat" ("area_code", "day", ${counters.map(quote).join(', ')}) ${legacy ? areaDay : AREA_DAY_FROM_DAILY_SQL}`);
    await this.execute(`insert into "case_status_count" ("area_code", "day", "status", "count") ${RECOUNT_SQL.status}`, [timeZone]);
    const monthOfDay = `date_trunc('month', "day"::timestamp)::date`;
    const fills = legacy
      ? [
          `insert into "case_area_month_stat" ("area_code", "month", ${counters.map(quote).join(', ')}) select "area_code", ${monthOfDay}, ${counters.map((name) => `sum(${quote(name)})`).join(', ')} from "case_area_day_stat" group by 1, 2 order by 1, 2`,
          MONTHLY_FILL_SQL[1],
        ]
      : MONTHLY_FILL_SQL;
    for (const fill of fills) await this.execute(fill);
    await this.execute(
      `insert into "case_worker_stat" ("user_id", "grid_code", "day", ${WORKER_COUNTERS.map(quote).join(', ')}) ${legacySql(RECOUNT_SQL.workers)}`,
      [timeZone, timeZone],
    );
  }

}
