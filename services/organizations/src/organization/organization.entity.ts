import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { OrganizationKind } from './organization-kind.js';

@Entity({ tableName: 'organization' })
@Index({ name: 'organization_area_code_idx', expression: 'create index "organization_area_code_idx" on "organization" ("area_code" text_pattern_ops)' })
@ObjectType({ description: 'A party organization, governance centre or co-building unit attached to an area (or a grid). 区域组织' })
@Directive('@key(fields: "id")')
export class Organization extends BaseEntity<'parentId'> {
  @Field(() => ID)
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  @Field(() => OrganizationKind, { description: 'Kind. 类别' })
  kind: OrganizationKind;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the area (or grid) it covers. 所属区划或网格代码' })
  areaCode: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The organization above it, e.g. a branch\'s party committee. 上级组织' })
  parentId: string | null = null;
}
