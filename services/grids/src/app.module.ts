import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { countySettingsConsumer, CountySettings, EventsModule } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { CARE_CONFIG, loadCareConfig } from './care/care-config.js';
import { CareTagsConsumer } from './care/care-tags.consumer.js';
import { CareRecordResolver, CareSlotResolver } from './care/care.resolver.js';
import { CareScheduler } from './care/care.scheduler.js';
import { CareService } from './care/care.service.js';
import { StaffingRules } from './staff/staffing-rule.js';
import { CoverageBoundsRules } from './coverage/coverage-bounds.js';
import { CoverageLinkResolver } from './coverage-link/coverage-link.resolver.js';
import { CoverageLinkService } from './coverage-link/coverage-link.service.js';
import { CoverageResolver } from './coverage/coverage.resolver.js';
import { CoverageService } from './coverage/coverage.service.js';
import { FieldSyncResolver } from './field-sync/field-sync.resolver.js';
import { FieldSyncService } from './field-sync/field-sync.service.js';
import { HazardResolver, KeyPlaceResolver, PatrolResolver, VisitResolver } from './field-work/field-work.resolver.js';
import { HazardService } from './field-work/hazard.service.js';
import { KeyPlaceService } from './field-work/key-place.service.js';
import { exportRunnerProvider } from '@lianxin/exports';
import { KeyPlaceExportHandler, KeyPlaceExportResolver } from './field-work/key-place-export.js';
import { PatrolService } from './field-work/patrol.service.js';
import { VisitService } from './field-work/visit.service.js';
import { AreaGridsResolver, GridResolver } from './grid/grid.resolver.js';
import { GridService } from './grid/grid.service.js';
import { GridsLoaders } from './loaders.js';
import { MicroGridResolver } from './micro-grid/micro-grid.resolver.js';
import { MicroGridService } from './micro-grid/micro-grid.service.js';
import { ormConfig } from './mikro-orm.config.js';
import { StaffResolver } from './staff/staff.resolver.js';
import { StaffService } from './staff/staff.service.js';
import { ViewerFieldsResolver } from './viewer/viewer-fields.resolver.js';
import { ViewerReference } from './viewer/viewer.reference.js';

@Module({
  imports: [
    PlatformModule.forService('grids'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'grids', consumers: [CareTagsConsumer, countySettingsConsumer('grids')] }),
    // Viewer is owned by people; this subgraph only adds fields to it, so no field here returns it.
    subgraphGraphQLModule({ orphanedTypes: [ViewerReference] }),
  ],
  providers: [
    CountySettings,
    StaffingRules,
    CoverageBoundsRules,
    GridService,
    GridResolver,
    AreaGridsResolver,
    MicroGridService,
    MicroGridResolver,
    StaffService,
    StaffResolver,
    CoverageService,
    CoverageResolver,
    CoverageLinkService,
    CoverageLinkResolver,
    KeyPlaceService,
    KeyPlaceResolver,
    KeyPlaceExportHandler,
    KeyPlaceExportResolver,
    exportRunnerProvider('grids', { 'key-places': KeyPlaceExportHandler }, { worker: new URL('./field-work/export-worker.js', import.meta.url) }),
    VisitService,
    VisitResolver,
    PatrolService,
    PatrolResolver,
    HazardService,
    HazardResolver,
    FieldSyncService,
    FieldSyncResolver,
    GridsLoaders,
    ViewerFieldsResolver,
    { provide: CARE_CONFIG, useFactory: () => loadCareConfig() },
    CareService,
    CareScheduler,
    CareSlotResolver,
    CareRecordResolver,
    CareTagsConsumer,
  ],
})
export class AppModule {}
