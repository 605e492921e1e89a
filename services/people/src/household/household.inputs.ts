import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { DeviceIdField, IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';

@InputType({ description: 'A new household in a grid of your area. 新建户' })
export class CreateHouseholdInput {
  @Field({ nullable: true, description: 'Household register number, unique. 户号' })
  @IsOptional()
  @Length(1, 50)
  number?: string;

  @Field({ description: 'Address or house. 住址' })
  @Length(1, 200)
  address: string;

  @Field({ description: 'Grid code (15 digits). 网格编码' })
  @Matches(/^\d{15}$/, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field(() => ID, { nullable: true, description: 'Head of household, a person of the same grid. 户主' })
  @IsOptional()
  @IsUUID()
  headId?: string;

  @Field(() => [ID], { nullable: true, description: 'Other members, persons of the same grid. 其他成员' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Party member who links the household (a Person with a party membership). 联户党员' })
  @IsOptional()
  @IsUUID()
  linkingPartyMemberId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the household was registered on the device')
  occurredAt?: Date;
}

@InputType({ description: 'Change a household. 修改户信息' })
export class UpdateHouseholdInput {
  @Field(() => ID, { description: 'Household id. 户ID' })
  @IsUUID()
  id: string;

  @Field({ nullable: true, description: 'Address. 住址' })
  @IsOptional()
  @Length(1, 200)
  address?: string;

  @Field(() => ID, { nullable: true, description: 'New head, a member of the household. 户主' })
  @IsOptional()
  @IsUUID()
  headId?: string;

  @Field(() => ID, { nullable: true, description: 'Party member who links the household. 联户党员' })
  @IsOptional()
  @IsUUID()
  linkingPartyMemberId?: string;

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

@InputType({ description: 'Move a household and all its members to another grid. 整户迁移' })
export class MoveHouseholdInput {
  @Field(() => ID, { description: 'Household id. 户ID' })
  @IsUUID()
  householdId: string;

  @Field({ description: 'Destination grid code (15 digits) in your area. 迁入网格编码' })
  @Matches(/^\d{15}$/, { message: 'must be a 15-digit grid code' })
  toGridCode: string;

  @Field({ nullable: true, description: 'New address, if it changes. 新住址' })
  @IsOptional()
  @Length(1, 200)
  address?: string;

  @Field({ description: 'Why. 迁移原因' })
  @Length(2, 200)
  reason: string;
}

@InputType({ description: 'Filter for households in your area. 户筛选' })
export class HouseholdFilter {
  @Field({ nullable: true, description: 'Area or grid code prefix inside your area. 区划/网格代码（前缀）' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field({ nullable: true, description: 'Household register number. 户号' })
  @IsOptional()
  @Length(1, 50)
  number?: string;
}
