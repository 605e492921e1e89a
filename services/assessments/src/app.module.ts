import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { countySettingsConsumer, CountySettings, EventsModule } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { ormConfig } from './mikro-orm.config.js';
import { PublicNoticeResolver, RatingRoundNoticeResolver } from './public-notice/public-notice.resolver.js';
import { PublicNoticeService } from './public-notice/public-notice.service.js';
import { CareOverdueConsumer, CaseActivityConsumer, VisitRecordedConsumer } from './projection/projection.consumers.js';
import { AssessmentResolver, TrainingRecordResolver } from './staff-assessment/assessment.resolver.js';
import { AssessmentService } from './staff-assessment/assessment.service.js';
import { TrainingService } from './staff-assessment/training.service.js';
import { PartyMemberRatingResolver, PersonStarRatingResolver, RatingRoundResolver } from './star-rating/star-rating.resolver.js';
import { StarRatingService } from './star-rating/star-rating.service.js';

@Module({
  imports: [
    PlatformModule.forService('assessments'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'assessments', consumers: [VisitRecordedConsumer, CaseActivityConsumer, CareOverdueConsumer, countySettingsConsumer('assessments')] }),
    subgraphGraphQLModule(),
  ],
  providers: [
    StarRatingService,
    PartyMemberRatingResolver,
    RatingRoundResolver,
    PersonStarRatingResolver,
    AssessmentService,
    AssessmentResolver,
    TrainingService,
    TrainingRecordResolver,
    VisitRecordedConsumer,
    CareOverdueConsumer,
    CaseActivityConsumer,
    CountySettings,
    PublicNoticeService,
    PublicNoticeResolver,
    RatingRoundNoticeResolver,
  ],
})
export class AppModule {}
