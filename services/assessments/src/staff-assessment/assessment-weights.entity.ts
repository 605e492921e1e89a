import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { AssessmentKind } from './assessment-enums.js';

/**
 * Weights of quantified scoring, platform statistics and democratic votes for one kind of assessment
 * in a county or township; the most specific row above a grid applies, else the defaults.
 */
@Entity({ tableName: 'assessment_weights' })
@Unique({ name: 'assessment_weights_area_kind_unique', properties: ['areaCode', 'kind'] })
@ObjectType({ description: 'How the three parts of an assessment are weighted in an area. 考核权重' })
export class AssessmentWeights extends BaseEntity {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'County or township the weights apply to (and everything below it). 适用区域代码' })
  areaCode: string;

  @Enum({ items: () => AssessmentKind, nativeEnumName: 'assessment_kind' })
  @Field(() => AssessmentKind, { description: 'Kind of assessment. 考核类别' })
  kind: AssessmentKind;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of quantified scoring (0–1). 量化打分权重' })
  quantified: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of platform statistics (0–1). 平台统计权重' })
  platform: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Weight of democratic votes (0–1). 民主测评权重' })
  democratic: number;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}
