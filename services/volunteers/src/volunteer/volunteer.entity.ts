import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { PartyMemberType } from '../common/party-member-type.js';
import { VolunteerKind } from './volunteer-kind.js';

@Entity({ tableName: 'volunteer' })
@Index({ name: 'volunteer_area_code_idx', expression: 'create index "volunteer_area_code_idx" on "volunteer" ("area_code" text_pattern_ops)' })
@ObjectType({ description: 'A registered volunteer: a person from the population ledgers who serves in a village or grid. 志愿者' })
@Directive('@key(fields: "id")')
export class Volunteer extends BaseEntity<'userId' | 'skills' | 'partyMemberType' | 'serviceMinutes' | 'serviceHours'> {
  @Field(() => ID, { description: 'Volunteer id. 志愿者ID' })
  declare id: string;

  @Property({ type: 'uuid', unique: true })
  @Field(() => ID, { description: 'The person (people subgraph). 人员ID' })
  personId: string;

  @Property({ type: 'uuid', nullable: true, unique: true })
  @Field(() => ID, { nullable: true, description: 'Keycloak subject of the volunteer\'s own account, if they have one. 本人账号ID' })
  userId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Village or grid code where the volunteer serves. 服务区域代码' })
  areaCode: string;

  @Enum({ items: () => VolunteerKind, array: true, nativeEnumName: 'volunteer_kind' })
  @Field(() => [VolunteerKind], { description: 'Kinds. 志愿者类别' })
  kinds: VolunteerKind[];

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Skills, e.g. 电工, 法律咨询. 技能特长' })
  skills: string[] = [];

  @Enum({ items: () => PartyMemberType, nullable: true, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { nullable: true, description: 'Party member type, for party members (PARTY points follow it). 党员类别' })
  partyMemberType: PartyMemberType | null = null;

  /** Minutes credited from attended activities; shown in hours. */
  @Property({ type: 'integer' })
  serviceMinutes: number = 0;

  @Field(() => Float, { description: 'Service hours credited from attended activities. 累计服务时长（小时）' })
  get serviceHours(): number {
    return Math.round((this.serviceMinutes / 60) * 100) / 100;
  }

  @Field({ description: 'When the volunteer was registered. 登记时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion when updating. 版本号' })
  declare version: number;
}
