import { Embeddable, Embedded, Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { DateScalar } from '../common/date-scalar.js';
import { AssessmentKind } from './assessment-enums.js';

@ObjectType({ description: 'One item of quantified scoring. 量化打分项' })
export class QuantifiedItemScore {
  @Field({ description: 'Item. 考核项目' })
  name: string;

  @Field(() => Float, { description: 'Points given. 得分' })
  points: number;

  @Field(() => Float, { description: 'Points possible. 满分' })
  maxPoints: number;
}

/** The platform statistics of the period, as counted when the assessment was completed. */
@Embeddable()
@ObjectType({ description: 'Platform statistics of the period, from visits and cases. 平台统计' })
export class PlatformStatistics {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Household visits. 走访户次' })
  visits: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Cases found (reported by them). 发现事项数' })
  casesFound: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Cases closed as resolver or as the grid worker of the case. 办结事项数' })
  casesClosed: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Of those, closed on time. 按时办结数' })
  casesClosedOnTime: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Stage limits they ran over as the holder of a case (DOMAIN.md §8.1); each counts as one more case not on time. 环节超时次数' })
  stageOverruns: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: "Residents' ratings of the grid's cases, without those the staff member entered at return visits (§8.2): satisfied. 群众评价：满意" })
  satisfied: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Ratings: basically satisfied. 群众评价：基本满意' })
  basicallySatisfied: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Ratings: unsatisfied. 群众评价：不满意' })
  unsatisfied: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'The 0–100 platform score (see the formula in the README). 平台统计得分' })
  score: number;
}

@Embeddable()
@ObjectType({ description: 'Democratic evaluation votes. 民主测评票数' })
export class DemocraticVotes {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Satisfied. 满意' })
  satisfied: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Basically satisfied. 基本满意' })
  basicallySatisfied: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Unsatisfied. 不满意' })
  unsatisfied: number;
}

/**
 * A completed assessment of one grid staff member in one grid for one period (五考): quantified
 * scoring, platform statistics and democratic votes, weighted. Stored as computed at completion.
 */
@Entity({ tableName: 'assessment' })
@Unique({ name: 'assessment_staff_period_unique', properties: ['kind', 'period', 'staffUserId', 'gridCode'] })
@Index({ name: 'assessment_grid_code_idx', expression: 'create index "assessment_grid_code_idx" on "assessment" ("grid_code" text_pattern_ops, "kind", "period")' })
@Index({ name: 'assessment_staff_idx', properties: ['staffUserId'] })
@ObjectType({ description: 'A completed assessment of a grid staff member (五考). 网格员考核' })
@Directive('@key(fields: "id")')
export class Assessment extends BaseEntity<'staffPersonId' | 'note' | 'quantifiedScore' | 'democraticScore'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Enum({ items: () => AssessmentKind, nativeEnumName: 'assessment_kind' })
  @Field(() => AssessmentKind, { description: 'Which of the five assessments. 考核类别' })
  kind: AssessmentKind;

  @Property({ type: 'text' })
  @Field({ description: 'Period as the kind writes it: 2026-03, 2026-Q1, 2026-H1 or 2026. 考核期间' })
  period: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'First day of the period. 起始日' })
  periodStart: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'Last day of the period. 截止日' })
  periodEnd: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'User id of the staff member assessed. 被考核网格员账号' })
  staffUserId: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff member as a person of the people subgraph, if known. 被考核网格员人员ID' })
  staffPersonId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'The grid (15 digits). 网格' })
  gridCode: string;

  @Property({ type: 'jsonb' })
  @Field(() => [QuantifiedItemScore], { description: 'Quantified scoring, item by item. 量化打分明细' })
  quantifiedItems: QuantifiedItemScore[];

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Quantified score (0–100); null when the kind gives it no weight and none was entered. 量化打分得分' })
  quantifiedScore: number | null = null;

  @Embedded(() => PlatformStatistics, { prefix: 'platform_' })
  @Field(() => PlatformStatistics, { description: 'Platform statistics of the period. 平台统计' })
  platform: PlatformStatistics;

  @Embedded(() => DemocraticVotes, { prefix: 'votes_' })
  @Field(() => DemocraticVotes, { description: 'Democratic votes. 民主测评票数' })
  votes: DemocraticVotes;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Democratic score (0–100); null without votes. 民主测评得分' })
  democraticScore: number | null = null;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of quantified scoring used. 量化打分权重' })
  weightQuantified: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of platform statistics used. 平台统计权重' })
  weightPlatform: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of democratic votes used. 民主测评权重' })
  weightDemocratic: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Total score (0–100). 总分' })
  totalScore: number;

  @Property({ type: 'text' })
  @Field({ description: 'Who completed it. 考核人' })
  assessedBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was completed. 完成时间' })
  completedAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note. 备注' })
  note: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}
