import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { EventsModule } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { ormConfig } from './mikro-orm.config.js';
import { GridRecordsResolver, RecordResolver } from './record/record.resolver.js';
import { RecordService } from './record/record.service.js';

@Module({
  imports: [
    PlatformModule.forService('police'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'police' }),
    subgraphGraphQLModule(),
  ],
  providers: [RecordService, RecordResolver, GridRecordsResolver],
})
export class AppModule {}
