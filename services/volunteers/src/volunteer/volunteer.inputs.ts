import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { AREA_CODE, AREA_CODE_MESSAGE, VILLAGE_OR_GRID_CODE, VILLAGE_OR_GRID_MESSAGE } from '../common/inputs.js';
import { PartyMemberType } from '../common/party-member-type.js';
import { VolunteerKind } from './volunteer-kind.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A person registered as a volunteer in a village or grid of your area. 登记志愿者' })
export class RegisterVolunteerInput {
  @Field(() => ID, { description: 'The person (people subgraph). 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Village or grid code where they serve. 服务区域代码' })
  @Matches(VILLAGE_OR_GRID_CODE, { message: VILLAGE_OR_GRID_MESSAGE })
  areaCode: string;

  @Field(() => [VolunteerKind], { description: 'Kinds; PARTY_MEMBER needs partyMemberType. 志愿者类别' })
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsEnum(VolunteerKind, { each: true })
  kinds: VolunteerKind[];

  @Field(() => [String], { nullable: true, description: 'Skills. 技能特长' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  skills?: string[];

  @Field(() => PartyMemberType, { nullable: true, description: 'Party member type (as in the people ledgers), for party members. 党员类别' })
  @IsOptional()
  @IsEnum(PartyMemberType)
  partyMemberType?: PartyMemberType;

  @Field(() => ID, { nullable: true, description: 'Keycloak subject of their own account, if any. 本人账号ID' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'New skills of a volunteer (the volunteer or an admin). 更新技能特长' })
export class UpdateVolunteerSkillsInput {
  @Field(() => ID, { description: 'Volunteer id. 志愿者ID' })
  @IsUUID()
  volunteerId: string;

  @Field(() => [String], { description: 'Skills, replacing the old list. 技能特长' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  skills: string[];

  @Field(() => Int, { description: 'The version you read; a newer one gives CONFLICT. 读取时的版本号' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType({ description: 'A new volunteer team in your area. 新建志愿服务队' })
export class CreateTeamInput {
  @Field({ description: 'Name, e.g. 红色纠纷调解队. 名称' })
  @Length(1, 100)
  name: string;

  @Field({ description: 'Township, village or grid code the team serves. 服务区域代码' })
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode: string;

  @Field({ nullable: true, description: 'What the team does. 简介' })
  @IsOptional()
  @Length(1, 2000)
  description?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'A volunteer joins a team (takes a volunteer post). 加入服务队' })
export class JoinTeamInput {
  @Field(() => ID, { description: 'Team id. 服务队ID' })
  @IsUUID()
  teamId: string;

  @Field(() => ID, { description: 'Volunteer id. 志愿者ID' })
  @IsUUID()
  volunteerId: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Which volunteers to list. 志愿者筛选' })
export class VolunteerFilter {
  @Field({ nullable: true, description: 'Only this area and below (inside your scope). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;

  @Field(() => VolunteerKind, { nullable: true, description: 'Only this kind. 类别' })
  @IsOptional()
  @IsEnum(VolunteerKind)
  kind?: VolunteerKind;

  @Field({ nullable: true, description: 'Only volunteers with this skill (exact). 技能' })
  @IsOptional()
  @Length(1, 50)
  skill?: string;
}

@InputType({ description: 'Which teams to list. 服务队筛选' })
export class TeamFilter {
  @Field({ nullable: true, description: 'Only this area and below (inside what you may see). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;
}
