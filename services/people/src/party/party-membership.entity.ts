import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { DateScalar } from '../common/date-scalar.js';
import { Person } from '../person/person.entity.js';
import { PartyMemberType } from './party-member-type.js';

/** One membership per person; for in-service members also where they reported (双报到) and their work unit. */
@Entity({ tableName: 'party_membership' })
@ObjectType({ description: 'Party membership of a person. 党员信息' })
export class PartyMembership extends BaseEntity<'branchId' | 'joinedOn' | 'reportedToAreaCode' | 'workUnit'> {
  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'person_id', deleteRule: 'cascade', unique: 'party_membership_person_id_unique' })
  personId: string;

  @Enum({ items: () => PartyMemberType, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { description: 'Kind of member. 党员类别' })
  type: PartyMemberType;

  /** Id of the branch in the organizations subgraph. */
  @Property({ type: 'uuid', nullable: true })
  branchId: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Date of joining the party. 入党日期' })
  joinedOn: string | null = null;

  /** Village/community code (12 digits) an in-service member reported to. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Community (village code) an in-service member reported to. 报到社区代码' })
  reportedToAreaCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Work unit of an in-service member. 工作单位' })
  workUnit: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}
