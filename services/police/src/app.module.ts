import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { EventsModule } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { ormConfig } from './mikro-orm.config.js';
import { GridOfficerResolver, OfficerResolver } from './officer/officer.resolver.js';
import { OfficerService } from './officer/officer.service.js';
import { GridPatrolsResolver, PatrolResolver } from './patrol/patrol.resolver.js';
import { PatrolService } from './patrol/patrol.service.js';

@Module({
  imports: [
    PlatformModule.forService('police'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'police' }),
    subgraphGraphQLModule(),
  ],
  providers: [OfficerService, OfficerResolver, GridOfficerResolver, PatrolService, PatrolResolver, GridPatrolsResolver],
})
export class AppModule {}
