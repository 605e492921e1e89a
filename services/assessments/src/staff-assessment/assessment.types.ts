import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { AssessmentKind } from './assessment-enums.js';
import { AssessmentWeights } from './assessment-weights.entity.js';
import { Assessment } from './assessment.entity.js';
import { TrainingRecord } from './training-record.entity.js';

export const AssessmentConnection = ConnectionType(Assessment, 'Assessment', 'Assessments of grid staff. 网格员考核');
export const TrainingRecordConnection = ConnectionType(TrainingRecord, 'TrainingRecord', 'Trainings of grid staff. 网格员培训记录');

@ObjectType({ description: 'The weights that apply to one kind of assessment in an area. 适用的考核权重' })
export class AppliedAssessmentWeights {
  @Field(() => AssessmentKind, { description: 'Kind. 考核类别' })
  kind: AssessmentKind;

  @Field(() => Float, { description: 'Weight of quantified scoring. 量化打分权重' })
  quantified: number;

  @Field(() => Float, { description: 'Weight of platform statistics. 平台统计权重' })
  platform: number;

  @Field(() => Float, { description: 'Weight of democratic votes. 民主测评权重' })
  democratic: number;

  @Field(() => String, { nullable: true, description: 'County or township that set them; null for the built-in defaults. 设置区域' })
  setForAreaCode: string | null;
}

@ObjectType({ description: 'The completed assessment. 已完成的考核' })
export class CompleteAssessmentPayload {
  @Field(() => Assessment, { description: 'The assessment. 考核' })
  assessment: Assessment;
}

@ObjectType({ description: 'The weights as set. 设置后的权重' })
export class SetAssessmentWeightsPayload {
  @Field(() => AssessmentWeights, { description: 'The weights. 权重' })
  weights: AssessmentWeights;
}

@ObjectType({ description: 'The training recorded. 已记录的培训' })
export class RecordTrainingPayload {
  @Field(() => TrainingRecord, { description: 'The training. 培训记录' })
  training: TrainingRecord;
}

@ObjectType({ description: 'A staff member in a ranking. 网格员排名' })
export class WorkerRankingEntry {
  @Field(() => Int, { description: 'Rank; equal scores share one (1, 2, 2, 4). 名次' })
  rank: number;

  @Field(() => Assessment, { description: 'Their assessment. 考核' })
  assessment: Assessment;
}

@ObjectType({ description: 'A grid or village in a ranking, by the mean score of its assessed staff. 区域排名' })
export class AreaRankingEntry {
  @Field(() => Int, { description: 'Rank; equal scores share one. 名次' })
  rank: number;

  @Field({ description: 'Grid or village code. 区域代码' })
  areaCode: string;

  @Field(() => Float, { description: 'Mean total score of the assessments in it. 平均分' })
  averageScore: number;

  @Field(() => Int, { description: 'Assessments counted. 参评人数' })
  assessedCount: number;
}

@ObjectType({ description: 'Rankings of an area for one kind of assessment and period. 考核排名' })
export class AssessmentRanking {
  @Field({ description: 'The area ranked. 区域代码' })
  areaCode: string;

  @Field(() => AssessmentKind, { description: 'Kind. 考核类别' })
  kind: AssessmentKind;

  @Field({ description: 'Period. 考核期间' })
  period: string;

  @Field(() => [WorkerRankingEntry], { description: 'Staff by total score. 网格员排名' })
  workers: WorkerRankingEntry[];

  @Field(() => [AreaRankingEntry], { description: 'Grids by mean score. 网格排名' })
  grids: AreaRankingEntry[];

  @Field(() => [AreaRankingEntry], { description: 'Villages by mean score. 村（社区）排名' })
  villages: AreaRankingEntry[];
}
