import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { DeviceIdField, IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { DateScalar } from '../common/date-scalar.js';
import { ResidenceStatus, Sex } from './person-enums.js';

const GRID_CODE_RULE = { message: 'must be a 15-digit grid code' };
const TAG_CODE = /^[A-Z][A-Z0-9_]{1,49}$/;

@InputType({ description: 'A person to add to the ledger of a grid in your area. 登记人员' })
export class RegisterPersonInput {
  @Field({ description: 'Full name. 姓名' })
  @Length(1, 50)
  name: string;

  @Field({ description: 'Resident ID number, 18 characters with the GB 11643 check character. 身份证号' })
  @Length(1, 30)
  idNumber: string;

  @Field({ description: 'Grid code (15 digits) in your area. 网格编码' })
  @Matches(/^\d{15}$/, GRID_CODE_RULE)
  gridCode: string;

  @Field(() => Sex, { nullable: true, description: 'Sex; read from the ID number when omitted. 性别（缺省按身份证号）' })
  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  @Field(() => DateScalar, { nullable: true, description: 'Birth date; must match the ID number. 出生日期（须与身份证号一致）' })
  @IsOptional()
  birthDate?: string;

  @Field({ nullable: true, description: 'Phone number. 手机号' })
  @IsOptional()
  @Length(1, 30)
  phone?: string;

  @Field({ nullable: true, description: 'Address. 住址' })
  @IsOptional()
  @Length(1, 200)
  address?: string;

  @Field(() => ResidenceStatus, { nullable: true, description: 'Residence status; REGISTERED_RESIDENT by default. 居住状态' })
  @IsOptional()
  @IsEnum(ResidenceStatus)
  residenceStatus?: ResidenceStatus;

  @Field(() => ID, { nullable: true, description: 'Household the person belongs to. 所属户' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => [String], { nullable: true, description: 'Focus tags to start with, by code. 初始标签代码' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(TAG_CODE, { each: true, message: 'tag codes are UPPER_SNAKE_CASE' })
  tagCodes?: string[];

  @Field(() => ID, { nullable: true, description: 'Keycloak user id of the person\'s own account. 本人账号用户ID' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the person was registered on the device')
  occurredAt?: Date;
}

@InputType({ description: 'Change a person\'s details; the grid changes only through movePerson. 修改人员信息' })
export class UpdatePersonInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  id: string;

  @Field({ nullable: true, description: 'Full name. 姓名' })
  @IsOptional()
  @Length(1, 50)
  name?: string;

  @Field({ nullable: true, description: 'Corrected ID number. 身份证号' })
  @IsOptional()
  @Length(1, 30)
  idNumber?: string;

  @Field(() => Sex, { nullable: true, description: 'Sex. 性别' })
  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  @Field(() => DateScalar, { nullable: true, description: 'Birth date; must match the ID number. 出生日期' })
  @IsOptional()
  birthDate?: string;

  @Field({ nullable: true, description: 'Phone number; an empty string removes it. 手机号（空串为删除）' })
  @IsOptional()
  @Length(0, 30)
  phone?: string;

  @Field({ nullable: true, description: 'Address; an empty string removes it. 住址' })
  @IsOptional()
  @Length(0, 200)
  address?: string;

  @Field(() => ResidenceStatus, { nullable: true, description: 'Residence status. 居住状态' })
  @IsOptional()
  @IsEnum(ResidenceStatus)
  residenceStatus?: ResidenceStatus;

  @Field(() => ID, { nullable: true, description: 'Household the person now belongs to (in the same grid). 所属户' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read. Stale: fields nobody changed since merge; a field someone else changed is CONFLICT (extensions: currentVersion, conflictingFields, mergedFields, conflictIds) and your value waits for the grid leader. 读取时的版本号',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @DeviceIdField()
  deviceId?: string;

  @OccurredAtField('the edit was made on the device')
  occurredAt?: Date;
}

@InputType({ description: 'Give a person a focus tag for a period. 添加人员标签' })
export class TagPersonInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Tag code. 标签代码' })
  @Matches(TAG_CODE, { message: 'must be UPPER_SNAKE_CASE' })
  tagCode: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day; today by default. 起始日期（默认今天）' })
  @IsOptional()
  validFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; open-ended by default. 截止日期' })
  @IsOptional()
  validTo?: string;
}

@InputType({ description: 'End a person\'s focus tag. 结束人员标签' })
export class UntagPersonInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Tag code. 标签代码' })
  @Matches(TAG_CODE, { message: 'must be UPPER_SNAKE_CASE' })
  tagCode: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it applies; yesterday by default, so it ends today. 截止日期（默认昨天）' })
  @IsOptional()
  validTo?: string;
}

@InputType({ description: 'Move a person to another grid. 人员迁移' })
export class MovePersonInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Destination grid code (15 digits) in your area. 迁入网格编码' })
  @Matches(/^\d{15}$/, GRID_CODE_RULE)
  toGridCode: string;

  @Field({ description: 'Why. 迁移原因' })
  @Length(2, 200)
  reason: string;
}

@InputType({ description: 'Find one person by full ID number, with the purpose kept in the audit log. 按身份证号查找人员' })
export class LookUpPersonInput {
  @Field({ description: 'Resident ID number (18 characters). 身份证号' })
  @Length(1, 30)
  idNumber: string;

  @Field({ description: 'Why you need this person, e.g. the case or check (4–200 characters); kept in the audit log. 查找用途（4–200字，记入审计）' })
  @Length(0, 200)
  purpose: string;
}

@InputType({ description: 'Filter for persons in your area. 人员筛选' })
export class PersonFilter {
  @Field({ nullable: true, description: 'Area or grid code prefix inside your area. 区划/网格代码（前缀）' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field({ nullable: true, description: 'Name contains this text. 姓名包含' })
  @IsOptional()
  @Length(1, 50)
  nameContains?: string;

  @Field(() => [String], { nullable: true, description: 'Carries all of these tags now. 当前具有全部这些标签' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(TAG_CODE, { each: true, message: 'tag codes are UPPER_SNAKE_CASE' })
  tagCodes?: string[];

  @Field(() => ResidenceStatus, { nullable: true, description: 'Residence status. 居住状态' })
  @IsOptional()
  @IsEnum(ResidenceStatus)
  residenceStatus?: ResidenceStatus;

  @Field(() => ID, { nullable: true, description: 'Members of this household. 所属户' })
  @IsOptional()
  @IsUUID()
  householdId?: string;
}
