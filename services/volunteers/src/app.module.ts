import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { countySettingsConsumer, CountySettings, EventsModule, PersonDirectory } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { ActivityResolver, ActivitySignUpResolver } from './activity/activity.resolver.js';
import { ActivityService } from './activity/activity.service.js';
import { DoubleReportResolver } from './double-report/double-report.resolver.js';
import { DoubleReportService } from './double-report/double-report.service.js';
import { PersonFieldsResolver } from './federation/person-fields.resolver.js';
import { ViewerFieldsResolver } from './federation/viewer-fields.resolver.js';
import { ViewerReference } from './federation/viewer.reference.js';
import { ormConfig } from './mikro-orm.config.js';
import { PersonScope } from './common/person-scope.js';
import { OrderExpiryScheduler } from './order/order-expiry.scheduler.js';
import { OrderResolver } from './order/order.resolver.js';
import { OrderService } from './order/order.service.js';
import { AccountService } from './points/account.service.js';
import { AwardService } from './points/award.service.js';
import { CaseVerifiedConsumer } from './points/case-verified.consumer.js';
import { DeclarationResolver } from './points/declaration.resolver.js';
import { DeclarationService } from './points/declaration.service.js';
import { LedgerService } from './points/ledger.service.js';
import { ManualAwardResolver } from './points/manual-award.resolver.js';
import { ManualAwardService } from './points/manual-award.service.js';
import { PointsQueryService } from './points/points-query.service.js';
import { LedgerEntryResolver, PointAccountResolver } from './points/points.resolver.js';
import { RedemptionResolver } from './points/redemption.resolver.js';
import { RedemptionService } from './points/redemption.service.js';
import { VetoService } from './points/veto.service.js';
import { volunteersPersonDirectoryConsumer } from './volunteer/account-links.js';
import { TeamResolver } from './volunteer/team.resolver.js';
import { TeamService } from './volunteer/team.service.js';
import { VolunteerResolver } from './volunteer/volunteer.resolver.js';
import { VolunteerService } from './volunteer/volunteer.service.js';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG } from './volunteers-config.js';

@Module({
  imports: [
    PlatformModule.forService('volunteers'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'volunteers', consumers: [CaseVerifiedConsumer, volunteersPersonDirectoryConsumer(), countySettingsConsumer('volunteers')] }),
    // Viewer is owned by people; this subgraph only adds fields to it, so no field here returns it.
    subgraphGraphQLModule({ orphanedTypes: [ViewerReference] }),
  ],
  providers: [
    { provide: VOLUNTEERS_CONFIG, useFactory: () => loadVolunteersConfig() },
    VolunteerService,
    VolunteerResolver,
    TeamService,
    TeamResolver,
    DoubleReportService,
    DoubleReportResolver,
    OrderService,
    OrderResolver,
    OrderExpiryScheduler,
    ActivityService,
    ActivityResolver,
    ActivitySignUpResolver,
    LedgerService,
    AwardService,
    AccountService,
    PointsQueryService,
    PointAccountResolver,
    LedgerEntryResolver,
    ManualAwardService,
    ManualAwardResolver,
    DeclarationService,
    DeclarationResolver,
    VetoService,
    RedemptionService,
    RedemptionResolver,
    CaseVerifiedConsumer,
    PersonDirectory,
    CountySettings,
    PersonScope,
    PersonFieldsResolver,
    ViewerFieldsResolver,
  ],
})
export class AppModule {}
