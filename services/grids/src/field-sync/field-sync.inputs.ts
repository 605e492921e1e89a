import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { GRID_CODE } from '../common/grid-codes.js';
import { RecordPatrolInput, RecordVisitInput, ReportHazardInput } from '../field-work/field-work.inputs.js';

/** At most this many items per syncFieldWork call (README, grids). */
export const MAX_SYNC_ITEMS = 100;

export const SERVICE_KINDS = ['REMINDER', 'HELP', 'PREVENTION'] as const;
export const CASE_CLASSES = ['SIMPLE', 'ORDINARY', 'MAJOR', 'DIFFICULT', 'CROSS_REGION'] as const;

@InputType({ description: 'A case found in the field, sent with a batch; cases creates it (source GRID_PATROL). 现场发现的事项' })
export class FieldCaseReportInput {
  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field({ description: 'Description. 描述' })
  @Length(1, 5000)
  description: string;

  @Field({ description: 'Category code from the cases catalogue (UPPER_SNAKE_CASE). 类别代码' })
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'must be a category code (UPPER_SNAKE_CASE)' })
  categoryCode: string;

  @Field({ nullable: true, description: 'Kind of service: REMINDER, HELP (default) or PREVENTION. 服务类型' })
  @IsOptional()
  @IsIn(SERVICE_KINDS)
  serviceKind?: string;

  @Field({ nullable: true, description: 'Class: SIMPLE, ORDINARY (default), MAJOR, DIFFICULT or CROSS_REGION. 事项分类' })
  @IsOptional()
  @IsIn(CASE_CLASSES)
  caseClass?: string;

  @Field({ description: 'Grid of the case (15 digits). 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field({ nullable: true, description: 'Address. 地址' })
  @IsOptional()
  @Length(1, 200)
  address?: string;

  @Field({ nullable: true, description: 'Longitude (WGS 84). 经度' })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude?: number;

  @Field({ nullable: true, description: 'Latitude (WGS 84). 纬度' })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the case was found (the case\'s reportedAt)')
  occurredAt?: Date;
}

@InputType({
  description:
    'One piece of work recorded offline: exactly one of visit, patrol, hazard, caseReport, each with its idempotencyKey (required here). 一条离线记录（四选一，须带幂等键）',
})
export class FieldWorkItemInput {
  @Field(() => RecordVisitInput, { nullable: true, description: 'A door-to-door visit. 入户走访' })
  visit?: RecordVisitInput;

  @Field(() => RecordPatrolInput, { nullable: true, description: 'A patrol of a key place. 巡查' })
  patrol?: RecordPatrolInput;

  @Field(() => ReportHazardInput, { nullable: true, description: 'A hazard. 安全隐患' })
  hazard?: ReportHazardInput;

  @Field(() => FieldCaseReportInput, { nullable: true, description: 'A case found in the field. 现场发现的事项' })
  caseReport?: FieldCaseReportInput;
}

@InputType({ description: `Work recorded offline, applied in order (at most ${MAX_SYNC_ITEMS} items). 离线记录批量同步` })
export class SyncFieldWorkInput {
  // Items are validated one by one in the service, so one bad item does not sink the rest.
  @Field(() => [FieldWorkItemInput], { description: `The items, oldest first; at most ${MAX_SYNC_ITEMS}. 记录（按发生顺序）` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SYNC_ITEMS, { message: `at most ${MAX_SYNC_ITEMS} items per call; send the rest in another call` })
  items: FieldWorkItemInput[];
}
