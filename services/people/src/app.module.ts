import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Logger, Module } from '@nestjs/common';
import { EventsModule } from '@lianxin/events';
import { exportRunnerProvider } from '@lianxin/exports';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { PersonAccess } from './access/person-access.service.js';
import { AccountLinkService } from './account/account-link.service.js';
import { AccountResolver } from './account/account.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AuditService } from './audit/audit.service.js';
import { RevealService } from './audit/reveal.service.js';
import { LedgerExportHandler } from './export/ledger-export.handler.js';
import { LedgerExportResolver } from './export/ledger-export.resolver.js';
import { EditConflictResolver } from './conflict/edit-conflict.resolver.js';
import { EditConflictService } from './conflict/edit-conflict.service.js';
import { HouseholdResolver } from './household/household.resolver.js';
import { HouseholdService } from './household/household.service.js';
import { ImportResolver } from './import/import.resolver.js';
import { PeopleImporter } from './import/people-importer.js';
import { LedgerLoaders } from './loaders.js';
import { ormConfig } from './mikro-orm.config.js';
import { PartyMembershipResolver, PersonPartyMembershipResolver } from './party/party.resolver.js';
import { PartyService } from './party/party.service.js';
import { PersonResolver, TagAssignmentResolver } from './person/person.resolver.js';
import { PersonService } from './person/person.service.js';
import { PersonalDataVault } from './personal-data/personal-data-vault.js';
import { CaseDispatchConsumer } from './department-cases/case-dispatch.consumer.js';
import { AreaPeopleResolver, GridPeopleResolver, PopulationLoader, PopulationStatsResolver } from './population/population.resolver.js';
import { PopulationService } from './population/population.service.js';
import { TagResolver } from './tag/tag.resolver.js';
import { TagService } from './tag/tag.service.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';

@Module({
  imports: [
    PlatformModule.forService('people'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'people', consumers: [CaseDispatchConsumer] }),
    subgraphGraphQLModule(),
  ],
  providers: [
    {
      provide: PersonalDataVault,
      useFactory: () => PersonalDataVault.fromEnvironment(process.env, (message) => new Logger('PersonalDataVault').warn(message)),
    },
    PersonAccess,
    AuditService,
    RevealService,
    AuditResolver,
    TagService,
    TagResolver,
    PersonService,
    PersonResolver,
    TagAssignmentResolver,
    HouseholdService,
    HouseholdResolver,
    EditConflictService,
    EditConflictResolver,
    PartyService,
    PartyMembershipResolver,
    PersonPartyMembershipResolver,
    PopulationService,
    PopulationLoader,
    GridPeopleResolver,
    AreaPeopleResolver,
    PopulationStatsResolver,
    PeopleImporter,
    ImportResolver,
    LedgerLoaders,
    CaseDispatchConsumer,
    AccountLinkService,
    AccountResolver,
    ViewerResolver,
    LedgerExportHandler,
    LedgerExportResolver,
    exportRunnerProvider('people', { ledger: LedgerExportHandler }, { worker: new URL('./export/export-worker.js', import.meta.url) }),
  ],
})
export class AppModule {}
