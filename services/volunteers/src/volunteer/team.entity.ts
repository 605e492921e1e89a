import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'team' })
@Index({ name: 'team_area_code_idx', expression: 'create index "team_area_code_idx" on "team" ("area_code" text_pattern_ops)' })
@Unique({ name: 'team_area_name_unique', properties: ['areaCode', 'name'] })
@ObjectType({ description: 'A volunteer team, e.g. 红色纠纷调解队, 蓝天救援队, 巾帼志愿队. 志愿服务队' })
export class Team extends BaseEntity<'description'> {
  @Field(() => ID, { description: 'Team id. 服务队ID' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the area (township, village or grid) the team serves. 服务区域代码' })
  areaCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the team does. 简介' })
  description: string | null = null;

  @Field({ description: 'When the team was created. 成立时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

/**
 * A volunteer's place in a team. Holding one is the "volunteer post" (志愿岗位) in-service party
 * members must take each year (双报到).
 */
@Entity({ tableName: 'team_membership' })
@Index({ name: 'team_membership_volunteer_idx', properties: ['volunteerId'] })
export class TeamMembership {
  [OptionalProps]?: 'joinedAt';

  @PrimaryKey({ type: 'uuid' })
  teamId: string;

  @PrimaryKey({ type: 'uuid' })
  volunteerId: string;

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();
}
