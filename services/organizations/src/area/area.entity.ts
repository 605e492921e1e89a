import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';
import { AreaLevel } from './area-level.js';

@Entity({ tableName: 'area' })
@Index({ name: 'area_code_prefix_idx', expression: 'create index "area_code_prefix_idx" on "area" ("code" text_pattern_ops)' })
@ObjectType({ description: 'An administrative area from province down to village, keyed by its statistical division code. 行政区划' })
@Directive('@key(fields: "code")')
export class Area extends VersionedEntity<'parentCode'> {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Statistical division code; a child code starts with its parent code. 区划代码' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Enum({ items: () => AreaLevel, nativeEnumName: 'area_level' })
  @Field(() => AreaLevel, { description: 'Level. 层级' })
  level: AreaLevel;

  @Property({ type: 'text', nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: 'Code of the parent area. 上级区划代码' })
  parentCode: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when updating. 版本号' })
  declare version: number;
}
