import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { DateScalar } from '../common/date-scalar.js';
import { PartyMemberType } from './party-member-type.js';

@InputType({ description: 'Record or change a person\'s party membership. 登记/修改党员信息' })
export class SetPartyMembershipInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => PartyMemberType, { description: 'Kind of member. 党员类别' })
  @IsEnum(PartyMemberType)
  type: PartyMemberType;

  @Field(() => ID, { nullable: true, description: 'Branch (Organization id in the organizations subgraph). 所在党支部' })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of joining the party. 入党日期' })
  @IsOptional()
  joinedOn?: string;

  @Field({ nullable: true, description: 'In-service members: the community (12-digit village code) they reported to. 报到社区代码（在职党员）' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit village code' })
  reportedToAreaCode?: string;

  @Field({ nullable: true, description: 'In-service members: their work unit. 工作单位（在职党员）' })
  @IsOptional()
  @Length(1, 200)
  workUnit?: string;
}
