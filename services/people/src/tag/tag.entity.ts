import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';
import { TagCategory } from './tag-category.js';

@Entity({ tableName: 'tag' })
@ObjectType({ description: 'A focus tag from the extensible catalogue, e.g. elderly living alone. 重点人群标签' })
export class Tag extends VersionedEntity<'sensitive'> {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Code in UPPER_SNAKE_CASE, e.g. LIVING_ALONE_ELDERLY. 标签代码' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'Chinese name. 中文名称' })
  nameZh: string;

  @Property({ type: 'text' })
  @Field({ description: 'English name. 英文名称' })
  nameEn: string;

  @Enum({ items: () => TagCategory, nativeEnumName: 'tag_category' })
  @Field(() => TagCategory, { description: 'Ledger the tag belongs to. 类别' })
  category: TagCategory;

  @Property({ type: 'boolean' })
  @Field({ description: 'Special-population tag, shown only to roles that need it. 是否敏感（仅限有权角色可见）' })
  sensitive: boolean = false;
}
