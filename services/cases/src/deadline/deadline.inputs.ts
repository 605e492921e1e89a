import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CaseClass } from '../case/case-enums.js';
import { CalendarDayKind } from './calendar-day.entity.js';

@InputType({ description: "Set a county's deadline for a class, optionally for one category. 设置办理时限" })
export class SetDeadlineRuleInput {
  @Field({ description: 'County code (6 digits). 县区代码' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit county code' })
  areaCode: string;

  @Field(() => String, { nullable: true, description: 'Only for this category; leave empty for every category. 适用类别' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/, { message: 'must be UPPER_SNAKE_CASE' })
  categoryCode?: string | null;

  @Field(() => CaseClass, { description: 'Class. 事项分类' })
  @IsEnum(CaseClass)
  caseClass: CaseClass;

  @Field(() => Int, { description: 'Deadline in working days (1–365). 时限（工作日）' })
  @IsInt()
  @Min(1)
  @Max(365)
  workingDays: number;
}

@InputType({ description: 'Remove a deadline rule; the default applies again. 删除办理时限规则' })
export class RemoveDeadlineRuleInput {
  @Field({ description: 'The rule. 规则' })
  @IsUUID()
  id: string;
}

@InputType({ description: 'Mark a day as holiday or make-up working day. 设置节假日或调休日' })
export class SetCalendarDayInput {
  @Field({ description: 'Day (YYYY-MM-DD). 日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  day: string;

  @Field(() => CalendarDayKind, { description: 'Holiday or make-up working day. 类型' })
  @IsEnum(CalendarDayKind)
  kind: CalendarDayKind;

  @Field({ description: 'Name, e.g. 国庆节. 名称' })
  @Length(1, 50)
  name: string;
}

@InputType({ description: 'Make a day ordinary again. 取消节假日或调休日' })
export class RemoveCalendarDayInput {
  @Field({ description: 'Day (YYYY-MM-DD). 日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  day: string;
}
