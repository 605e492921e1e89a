import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader } from '@lianxin/graphql';
import { PersonReference } from '../common/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { AssessmentKind } from './assessment-enums.js';
import { Assessment, PlatformStatistics } from './assessment.entity.js';
import { AssessmentFilter, CompleteAssessmentInput, RecordTrainingInput, SetAssessmentWeightsInput, TrainingRecordFilter } from './assessment.inputs.js';
import { AssessmentService } from './assessment.service.js';
import {
  AppliedAssessmentWeights,
  AssessmentConnection,
  AssessmentRanking,
  CompleteAssessmentPayload,
  RecordTrainingPayload,
  SetAssessmentWeightsPayload,
  TrainingRecordConnection,
} from './assessment.types.js';
import { ALL_ASSESSORS, RANKING_READERS, STAFF_RECORD_QUERIERS, STAFF_RECORD_READERS, TRAINING_RECORDERS, WEIGHT_SETTERS } from './staff-access.js';
import { TrainingRecord } from './training-record.entity.js';
import { TrainingService } from './training.service.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Assessment)
export class AssessmentResolver {
  constructor(private readonly service: AssessmentService) {}

  @Query(() => Assessment, { description: 'An assessment: for the staff member, the admins and grid leader of their area, and auditors. 网格员考核' })
  @Roles(...ALL_ROLES)
  assessment(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<Assessment> {
    return this.service.assessment(user, id);
  }

  @Query(() => AssessmentConnection, { description: 'Assessments in your area (grid workers: their own). 网格员考核列表' })
  @Roles(...STAFF_RECORD_QUERIERS)
  assessments(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AssessmentFilter, nullable: true, description: 'Filter. 筛选' }) filter?: AssessmentFilter,
  ) {
    return this.service.list(user, filter ?? {}, page);
  }

  @Query(() => AssessmentRanking, { description: 'Rankings of staff, grids and villages of an area for one assessment and period. 考核排名' })
  @Roles(...RANKING_READERS)
  assessmentRanking(
    @CurrentUser() user: AuthUser,
    @Args('areaCode', { description: 'Area in your scope. 区域代码' }) areaCode: string,
    @Args('kind', { type: () => AssessmentKind, description: 'Kind. 考核类别' }) kind: AssessmentKind,
    @Args('period', { description: 'Period as the kind writes it. 考核期间' }) period: string,
  ): Promise<AssessmentRanking> {
    return this.service.ranking(user, areaCode, kind, period);
  }

  @Query(() => [AppliedAssessmentWeights], { description: 'The weights that apply in an area, for each kind of assessment. 适用的考核权重' })
  @Roles(...STAFF_RECORD_READERS)
  assessmentWeights(@CurrentUser() user: AuthUser, @Args('areaCode', { description: 'Area in your scope. 区域代码' }) areaCode: string) {
    return this.service.weightsInArea(user, areaCode);
  }

  @Query(() => PlatformStatistics, { description: "A staff member's platform statistics for a period as they stand now (nothing is stored). 平台统计预览" })
  @Roles(...STAFF_RECORD_QUERIERS)
  platformStatistics(
    @CurrentUser() user: AuthUser,
    @Args('staffUserId', { type: () => ID, description: 'Staff member. 网格员账号' }) staffUserId: string,
    @Args('gridCode', { description: 'Grid. 网格' }) gridCode: string,
    @Args('kind', { type: () => AssessmentKind, description: 'Kind (for the period format). 考核类别' }) kind: AssessmentKind,
    @Args('period', { description: 'Period. 考核期间' }) period: string,
  ): Promise<PlatformStatistics> {
    return this.service.previewPlatform(user, staffUserId, gridCode, kind, period);
  }

  @Mutation(() => CompleteAssessmentPayload, {
    description: 'Complete an assessment of a grid staff member: quantified scoring + platform statistics + democratic votes, weighted. 完成网格员考核',
  })
  @Roles(...ALL_ASSESSORS)
  async completeAssessment(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CompleteAssessmentInput): Promise<CompleteAssessmentPayload> {
    return { assessment: await this.service.complete(user, input) };
  }

  @Mutation(() => SetAssessmentWeightsPayload, { description: 'Set the weights of one kind of assessment for a county or township (adding up to 1). 设置考核权重' })
  @Roles(...WEIGHT_SETTERS)
  async setAssessmentWeights(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SetAssessmentWeightsInput): Promise<SetAssessmentWeightsPayload> {
    return { weights: await this.service.setWeights(user, input) };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Assessment | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Assessment>(context, 'assessment', async (ids) =>
      byKeys(ids, await this.service.findVisible(user, ids), (assessment) => assessment.id),
    ).load(reference.id);
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The staff member as a person, if known. 被考核网格员' })
  staffPerson(@Parent() assessment: Assessment): PersonReference | null {
    return assessment.staffPersonId ? { id: assessment.staffPersonId } : null;
  }
}

@Resolver(() => TrainingRecord)
export class TrainingRecordResolver {
  constructor(private readonly service: TrainingService) {}

  @Query(() => TrainingRecordConnection, { description: 'Trainings in your area (grid workers: their own), newest first. 网格员培训记录' })
  @Roles(...STAFF_RECORD_QUERIERS)
  trainingRecords(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => TrainingRecordFilter, nullable: true, description: 'Filter. 筛选' }) filter?: TrainingRecordFilter,
  ) {
    return this.service.list(user, filter ?? {}, page);
  }

  @Idempotent()
  @Mutation(() => RecordTrainingPayload, { description: 'Record a training (四培) of a grid staff member. 记录网格员培训' })
  @Roles(...TRAINING_RECORDERS)
  async recordTraining(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RecordTrainingInput): Promise<RecordTrainingPayload> {
    return { training: await this.service.record(user, input) };
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The staff member as a person, if known. 网格员' })
  staffPerson(@Parent() record: TrainingRecord): PersonReference | null {
    return record.staffPersonId ? { id: record.staffPersonId } : null;
  }
}

