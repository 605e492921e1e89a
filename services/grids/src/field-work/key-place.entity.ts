import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { KeyPlaceKind } from './field-work-enums.js';

@Entity({ tableName: 'key_place' })
@Index({ name: 'key_place_grid_code_idx', expression: 'create index "key_place_grid_code_idx" on "key_place" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'A key place in a grid that staff patrol: rental housing, venues, old compounds … 重点场所' })
export class KeyPlace extends BaseEntity {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Enum({ items: () => KeyPlaceKind, nativeEnumName: 'key_place_kind' })
  @Field(() => KeyPlaceKind, { description: 'Kind. 类型' })
  kind: KeyPlaceKind;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Property({ type: 'text' })
  @Field({ description: 'Address. 地址' })
  address: string;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}
