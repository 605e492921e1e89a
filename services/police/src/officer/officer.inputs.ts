import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { GRID_CODE, GRID_CODE_MESSAGE } from '../grid/grid.stub.js';
import { PHONE, PHONE_MESSAGE } from './phone.js';

const NOT_BLANK = /\S/;

@InputType('AssignCommunityOfficerInput', {
  description: 'Post a community officer to a grid in your area; the grid\'s current officer, if another, is relieved. 指派网格社区民警',
})
export class AssignCommunityOfficerInput {
  @Field({ description: 'Grid code (15 digits). 网格代码' })
  @Matches(GRID_CODE, { message: GRID_CODE_MESSAGE })
  gridCode: string;

  @Field({ description: 'Name. 姓名' })
  @Length(1, 50)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  name: string;

  @Field({ description: 'Police badge number (6 digits). 警号' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit badge number' })
  badgeNumber: string;

  @Field({ description: 'Work phone: mobile (11 digits) or landline with area code. 联系电话' })
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone: string;

  @Field({ description: 'Police station, e.g. 建设派出所. 所属派出所' })
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  policeStation: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Start of the posting (default now); not in the future and after the current officer\'s start. Ignored when the officer already holds the grid. 任职开始时间',
  })
  @IsOptional()
  @IsDate()
  assignedFrom?: Date;

  @Field(() => ID, {
    nullable: true,
    description:
      'The grid\'s current posting as you read it (CommunityOfficer.id); if another posting holds the grid, or none does, CONFLICT. 读取时的在任民警任职记录编号',
  })
  @IsOptional()
  @IsUUID()
  expectedOfficerId?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Version of that posting as you read it (needs expectedOfficerId); a stale version gives CONFLICT. 读取时的任职记录版本号',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

@InputType('CommunityOfficerFilter', { description: 'Filter for community officers in your area. 社区民警筛选' })
export class CommunityOfficerFilter {
  @Field(() => String, { nullable: true, description: 'Only this grid (15 digits). 网格代码' })
  @IsOptional()
  @Matches(GRID_CODE, { message: GRID_CODE_MESSAGE })
  gridCode?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include ended postings. 包含已结束的任职' })
  @IsOptional()
  @IsBoolean()
  includePast?: boolean;
}
