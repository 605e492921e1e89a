import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { exportStoreFromEnv, type ExportStore } from '@lianxin/exports';
import { notFound, serviceUnavailable } from '@lianxin/graphql';
import { PeriodicTask } from '@lianxin/platform';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { localDay } from '../deadline/local-time.js';
import { findCjkFont } from './cjk-font.js';
import { MonthlyReport } from './monthly-report.entity.js';
import { MonthlyFiguresReader, previousMonth } from './monthly-report.figures.js';
import { assertReportArea, assertReportMonth } from './monthly-report.policy.js';
import { renderPdf, renderXlsx } from './monthly-report.render.js';
import type { MonthlyReportView } from './monthly-report.types.js';

const TIME_ZONE = process.env.CASES_TIME_ZONE ?? 'Asia/Shanghai';
/** Download links of report files live this long. */
export const REPORT_LINK_SECONDS = Number(process.env.REPORT_LINK_TTL_SECONDS ?? 300);
/** How often the schedule looks for last month's missing reports (REPORT_SCHEDULE_MS). */
const SCHEDULE_MS = Number(process.env.REPORT_SCHEDULE_MS ?? 3_600_000);

/**
 * Monthly analysis reports (§8.4): made once per area and month — by the schedule for last month's
 * counties and townships, or on demand — under an advisory lock on (area, month), so concurrent
 * requests and replicas make one report; files in the object store, links short-lived.
 */
@Injectable()
export class MonthlyReportService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MonthlyReport');
  private readonly store: ExportStore | null = exportStoreFromEnv();
  /** The schedule: every REPORT_SCHEDULE_MS (hourly), the first check 5 s after start. */
  private readonly schedule = new PeriodicTask<number>({
    name: 'monthly report schedule',
    schedule: { intervalMs: SCHEDULE_MS, firstRunAfterMs: 5_000 },
    run: () => this.runSchedule(),
    logger: this.logger,
  });

  constructor(
    private readonly em: EntityManager,
    private readonly figures: MonthlyFiguresReader,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Off with REPORT_SCHEDULE=off, and where the service's schedulers are off (CASES_SCHEDULER_INTERVAL_MS=0: integration tests).
    if (process.env.REPORT_SCHEDULE === 'off' || this.config.schedulerIntervalMs <= 0) return;
    this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
  }

  /** Last month's report of every county and township with cases in it that has none yet. Returns how many were made. */
  async runSchedule(month = previousMonth(localDay(new Date(), TIME_ZONE).slice(0, 7))): Promise<number> {
    const areas = await this.em.execute<Array<{ area_code: string }>>(
      `select distinct s."area_code" from "case_area_month_stat" s
       where s."month" = ? and length(s."area_code") in (6, 9)
         and not exists (select 1 from "monthly_report" r where r."area_code" = s."area_code" and r."month" = ? and r."generated_at" is not null)
       order by 1`,
      [`${month}-01`, month],
    );
    for (const { area_code } of areas) await this.generate(area_code, month, 'schedule');
    if (areas.length > 0) this.logger.log({ month, reports: areas.length }, 'monthly reports made by the schedule');
    return areas.length;
  }

  /** On demand: the area's report of the month, made now if there is none (or regenerate). */
  async request(user: AuthUser, areaCode: string, month: string, regenerate: boolean): Promise<MonthlyReport> {
    assertReportArea(user, areaCode);
    assertReportMonth(month, localDay(new Date(), TIME_ZONE));
    return this.generate(areaCode, month, user.sub, regenerate);
  }

  async find(user: AuthUser, areaCode: string, month: string): Promise<MonthlyReport> {
    assertReportArea(user, areaCode);
    const report = await this.em.fork().findOne(MonthlyReport, { areaCode, month, generatedAt: { $ne: null } });
    if (!report) throw notFound('MonthlyReport', `${areaCode} ${month}`);
    return report;
  }

  async generate(areaCode: string, month: string, by: string, regenerate = false): Promise<MonthlyReport> {
    const store = this.store;
    if (!store) throw serviceUnavailable('object store', 'no object store is configured (S3_*) for the report files');
    const font = findCjkFont();
    return this.em.fork().transactional(async (tx) => {
      await tx.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`monthly_report:${areaCode}:${month}`], 'all', tx.getTransactionContext());
      const existing = await tx.findOne(MonthlyReport, { areaCode, month });
      if (existing?.generatedAt && !regenerate) return existing;
      const figures = await this.figures.read(areaCode, month);
      const [xlsx, pdf] = await Promise.all([renderXlsx(figures), renderPdf(figures, font)]);
      const report = existing ?? tx.create(MonthlyReport, { areaCode, month });
      const base = `reports/monthly/${areaCode}/${month}/${report.generations + 1}`;
      await Promise.all([
        store.put(`${base}.xlsx`, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        store.put(`${base}.pdf`, pdf, 'application/pdf'),
      ]);
      Object.assign(report, { figures, xlsxKey: `${base}.xlsx`, pdfKey: `${base}.pdf`, generatedAt: new Date(), generatedBy: by, generations: report.generations + 1 });
      this.logger.log({ areaCode, month, by, generation: report.generations, xlsxBytes: xlsx.length, pdfBytes: pdf.length }, 'monthly report made');
      return report;
    });
  }

  /** The report with fresh short-lived links (issued only to a reader the resolver and assertReportArea let through). */
  async view(report: MonthlyReport): Promise<MonthlyReportView> {
    const name = `网格事项分析报告-${report.areaCode}-${report.month}`;
    const [xlsxUrl, pdfUrl] = this.store
      ? await Promise.all([this.store.downloadUrl(report.xlsxKey!, `${name}.xlsx`, REPORT_LINK_SECONDS), this.store.downloadUrl(report.pdfKey!, `${name}.pdf`, REPORT_LINK_SECONDS)])
      : [null, null];
    const headline = report.figures!.headline;
    return {
      areaCode: report.areaCode,
      month: report.month,
      generatedAt: report.generatedAt!,
      generations: report.generations,
      scheduled: report.generatedBy === 'schedule',
      reported: headline.reported,
      onTimeRate: headline.onTimeRate,
      satisfactionRate: headline.satisfactionRate,
      reopenRate: headline.reopenRate,
      openWarnings: report.figures!.warnings?.length ?? null,
      xlsxUrl,
      pdfUrl,
      linksExpireAt: xlsxUrl ? new Date(Date.now() + REPORT_LINK_SECONDS * 1000) : null,
    };
  }
}
