import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';

@Entity({ tableName: 'micro_grid' })
@Index({ name: 'micro_grid_code_prefix_idx', expression: 'create index "micro_grid_code_prefix_idx" on "micro_grid" ("code" text_pattern_ops)' })
@ObjectType({ description: 'A micro-grid inside a grid: a building, stairwell or compound, with a liaison. 微网格' })
export class MicroGrid extends VersionedEntity {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Micro-grid code: 18 digits, starting with the grid code. 微网格代码' })
  code: string;

  @Property({ type: 'text' })
  @Index()
  @Field({ description: 'Code of the grid it belongs to. 所属网格代码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name, e.g. a building or stairwell. 名称' })
  name: string;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}
