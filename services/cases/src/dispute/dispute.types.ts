import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Dispute } from './dispute.entity.js';

@ObjectType({ description: 'Disputes settled at each level (三调). 各级调解成功数' })
export class SettledByLevel {
  @Field(() => Int, { description: 'In the grid. 网格' })
  grid: number;

  @Field(() => Int, { description: 'In the village or community. 村（社区）' })
  village: number;

  @Field(() => Int, { description: 'By experts. 专业调解' })
  expert: number;
}

@ObjectType({ description: 'Dispute mediation in an area, for disputes opened in a period. 矛盾纠纷调解统计' })
export class DisputeStats {
  @Field({ description: 'Area code. 区域代码' })
  areaCode: string;

  @Field(() => Int, { description: 'Disputes opened. 受理纠纷数' })
  opened: number;

  @Field(() => Int, { description: 'Settled. 调解成功' })
  settled: number;

  @Field(() => Int, { description: 'Failed. 调解失败' })
  failed: number;

  @Field(() => Int, { description: 'Referred to litigation or arbitration. 转诉讼/仲裁' })
  referred: number;

  @Field(() => Int, { description: 'Still being mediated. 调解中' })
  pending: number;

  @Field(() => Float, { nullable: true, description: 'Settled ÷ ended (0–1); Dongbaishui reports 99%. 调解成功率' })
  successRate: number | null;

  @Field(() => SettledByLevel, { description: 'Where they were settled. 调解成功层级' })
  settledByLevel: SettledByLevel;
}

@ObjectType({ description: 'The dispute after the change. 变更后的纠纷' })
export class DisputePayload {
  @Field(() => Dispute, { description: 'The dispute. 纠纷' })
  dispute: Dispute;
}
