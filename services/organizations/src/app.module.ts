import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { EventsModule } from '@lianxin/events';

import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { AreaResolver } from './area/area.resolver.js';
import { AreaService } from './area/area.service.js';
import { CountySettingsResolver } from './county-settings/county-settings.resolver.js';
import { CountySettingsService } from './county-settings/county-settings.service.js';
import { AreaDepartmentsResolver, DepartmentResolver } from './department/department.resolver.js';
import { DepartmentService } from './department/department.service.js';
import { ormConfig } from './mikro-orm.config.js';
import { AreaOrganizationsResolver, OrganizationResolver } from './organization/organization.resolver.js';
import { OrganizationService } from './organization/organization.service.js';

@Module({
  imports: [
    PlatformModule.forService('organizations'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'organizations' }),
    subgraphGraphQLModule(),
  ],
  providers: [
    AreaService,
    AreaResolver,
    DepartmentService,
    DepartmentResolver,
    AreaDepartmentsResolver,
    OrganizationService,
    OrganizationResolver,
    AreaOrganizationsResolver,
    CountySettingsService,
    CountySettingsResolver,
  ],
})
export class AppModule {}
