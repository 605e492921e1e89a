import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { CountySettings, countySettingsConsumer, EventsModule, PersonDirectory, personDirectoryConsumer } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { CASES_CONFIG, loadCasesConfig } from './cases-config.js';
import { CaseQueryService } from './case/case-query.service.js';
import { CaseWorkflowService } from './case/case-workflow.service.js';
import { CaseResolver } from './case/case.resolver.js';
import { CategoryResolver } from './category/category.resolver.js';
import { CategoryService } from './category/category.service.js';
import { ClockService } from './clock/clock.service.js';
import { DeadlineResolver } from './deadline/deadline.resolver.js';
import { DeadlineService } from './deadline/deadline.service.js';
import { AreaDisputeStatsResolver, CaseDisputeResolver, DisputeResolver } from './dispute/dispute.resolver.js';
import { DisputeService } from './dispute/dispute.service.js';
import { EmergencyResolver } from './emergency/emergency.resolver.js';
import { EmergencyService } from './emergency/emergency.service.js';
import { AreaStatsResolver, DepartmentQueueResolver, GridCasesResolver, PersonCasesResolver } from './federation/federation.resolvers.js';
import { GridNameConsumer } from './grid-names/grid-name.consumer.js';
import { GridNameService } from './grid-names/grid-name.service.js';
import { FieldCaseReportConsumer } from './intake/field-case-report.consumer.js';
import { HazardReportedConsumer } from './intake/hazard-reported.consumer.js';
import { ormConfig } from './mikro-orm.config.js';
import { CaseStatsResolver } from './stats/stats.resolver.js';
import { StatsService } from './stats/stats.service.js';
import { exportRunnerProvider } from '@lianxin/exports';
import { CaseExportResolver } from './exports/case-export.resolver.js';
import { CaseListExportHandler, CaseStatsExportHandler } from './exports/case-export.handlers.js';
import { MonthlyFiguresReader } from './reports/monthly-report.figures.js';
import { MonthlyReportResolver } from './reports/monthly-report.resolver.js';
import { MonthlyReportService } from './reports/monthly-report.service.js';
import { DeadlineScheduler } from './supervision/deadline-scheduler.service.js';
import { SupervisionResolver } from './supervision/supervision.resolver.js';
import { SupervisionService } from './supervision/supervision.service.js';
import { ViewerCasesResolver, ViewerReference } from './viewer/viewer.resolver.js';
import { CareOverdueConsumer, CaseWarningsConsumer } from './warnings/warnings.consumers.js';
import { loadWarningsConfig, WARNINGS_CONFIG } from './warnings/warnings-config.js';
import { WarningsResolver } from './warnings/warnings.resolver.js';
import { WarningsScheduler } from './warnings/warnings.scheduler.js';
import { WarningsService } from './warnings/warnings.service.js';

@Module({
  imports: [
    PlatformModule.forService('cases'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'cases', consumers: [HazardReportedConsumer, FieldCaseReportConsumer, GridNameConsumer, personDirectoryConsumer('cases'), countySettingsConsumer('cases'), CaseWarningsConsumer, CareOverdueConsumer] }),
    // Viewer is owned by people; cases only adds fields to it, so no field here returns it.
    subgraphGraphQLModule({ orphanedTypes: [ViewerReference] }),
  ],
  providers: [
    { provide: CASES_CONFIG, useFactory: () => loadCasesConfig() },
    CategoryService,
    CategoryResolver,
    DeadlineService,
    DeadlineResolver,
    ClockService,
    CountySettings,
    EmergencyService,
    EmergencyResolver,
    CaseWorkflowService,
    CaseQueryService,
    CaseResolver,
    SupervisionService,
    SupervisionResolver,
    DeadlineScheduler,
    StatsService,
    CaseStatsResolver,
    GridCasesResolver,
    PersonCasesResolver,
    AreaStatsResolver,
    DepartmentQueueResolver,
    HazardReportedConsumer,
    FieldCaseReportConsumer,
    GridNameConsumer,
    GridNameService,
    PersonDirectory,
    DisputeService,
    DisputeResolver,
    CaseDisputeResolver,
    AreaDisputeStatsResolver,
    ViewerCasesResolver,
    CaseListExportHandler,
    CaseStatsExportHandler,
    CaseExportResolver,
    exportRunnerProvider('cases', { cases: CaseListExportHandler, 'case-stats': CaseStatsExportHandler }, { worker: new URL('./exports/export-worker.js', import.meta.url) }),
    MonthlyFiguresReader,
    MonthlyReportService,
    MonthlyReportResolver,
    { provide: WARNINGS_CONFIG, useFactory: () => loadWarningsConfig() },
    WarningsService,
    WarningsResolver,
    WarningsScheduler,
    CaseWarningsConsumer,
    CareOverdueConsumer,
  ],
})
export class AppModule {}
