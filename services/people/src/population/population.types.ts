import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Tag } from '../tag/tag.entity.js';

@ObjectType({ description: 'How many people carry a tag. 标签人数' })
export class TagCount {
  @Field(() => Tag, { description: 'The tag. 标签' })
  tag: Tag;

  @Field(() => Int, { description: 'Number of people carrying it now. 当前人数' })
  count: number;
}

@ObjectType({ description: 'Population of an area or grid from the ledgers. 人口统计' })
export class PopulationStats {
  @Field(() => Int, { description: 'Everyone in the ledger. 实有人口总数' })
  total: number;

  @Field(() => Int, { description: 'Registered residents living here. 户籍人口' })
  registered: number;

  @Field(() => Int, { description: 'Floating population. 流动人口' })
  floating: number;

  @Field(() => Int, { description: 'Registered here, living elsewhere. 外出人口' })
  away: number;

  @Field(() => [TagCount], { description: 'People per focus tag now (tags you may not see are left out); reading sensitive tags here is audited. 各重点人群人数（含敏感标签时留痕）' })
  byTag: TagCount[];

  /** The area or grid code counted (not a GraphQL field: the parent already has it). */
  code?: string;
}
