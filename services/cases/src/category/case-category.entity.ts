import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';

/** The catalogue of case categories, with the departments that take each (seeded by the first migration). */
@Entity({ tableName: 'case_category' })
@ObjectType({ description: 'A case category and the departments that take it. 事项类别' })
export class CaseCategory extends VersionedEntity<'departmentCodes' | 'active' | 'countyCode'> {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Code in UPPER_SNAKE_CASE, e.g. DISPUTE. 类别代码' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'Chinese name. 中文名称' })
  nameZh: string;

  @Property({ type: 'text' })
  @Field({ description: 'English name. 英文名称' })
  nameEn: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Codes of the departments that take such cases when dispatched. 承办部门代码' })
  departmentCodes: string[] = [];

  @Property({ type: 'boolean' })
  @Field({ description: 'New cases may use it. 是否启用' })
  active: boolean = true;

  /** Issue 15: null for the national catalogue (platform admins change it), else the county that added it (its admins change it). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The county that added it; null for the national catalogue. 所属县（区），空为全国目录' })
  countyCode: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}
