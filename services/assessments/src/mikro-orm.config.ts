import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { countySettingsEntities, eventEntities } from '@lianxin/events';
import { migrations } from './migrations/index.js';
import { NoticeObjection, PublicNotice, PublicNoticeLog } from './public-notice/public-notice.entity.js';
import { CaseProjection, GridSatisfactionDay, StaffActivityDay, StaffEnteredRatingDay } from './projection/projection.entities.js';
import { AssessmentWeights } from './staff-assessment/assessment-weights.entity.js';
import { Assessment, DemocraticVotes, PlatformStatistics } from './staff-assessment/assessment.entity.js';
import { TrainingRecord } from './staff-assessment/training-record.entity.js';
import { PartyMemberRating } from './star-rating/party-member-rating.entity.js';
import { RatingEntry } from './star-rating/rating-entry.entity.js';
import { RatingRound } from './star-rating/rating-round.entity.js';
import { RatingStepRecord } from './star-rating/rating-step-record.entity.js';

export const entities = [
  PartyMemberRating,
  RatingRound,
  RatingEntry,
  RatingStepRecord,
  AssessmentWeights,
  TrainingRecord,
  Assessment,
  PlatformStatistics,
  DemocraticVotes,
  StaffActivityDay,
  GridSatisfactionDay,
  StaffEnteredRatingDay,
  CaseProjection,
  PublicNotice,
  NoticeObjection,
  PublicNoticeLog,
  ...eventEntities,
  ...countySettingsEntities,
  ...idempotencyEntities,
];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'assessments',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}
