import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  MAKE_UP_WORKDAY = 'MAKE_UP_WORKDAY',
}

registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: 'An exception to the Monday-to-Friday week. 日历例外',
  valuesMap: {
    HOLIDAY: { description: 'A public holiday: not a working day. 法定节假日' },
    MAKE_UP_WORKDAY: { description: 'A weekend day worked to make up for a holiday. 调休上班日' },
  },
});

/** The working calendar's exceptions (the `Holiday` table of the design): holidays and make-up working days. */
@Entity({ tableName: 'holiday' })
@ObjectType({ description: 'A holiday or make-up working day of the working calendar. 节假日与调休' })
export class CalendarDay {
  @PrimaryKey({ type: 'date' })
  @Field({ description: 'Day (YYYY-MM-DD). 日期' })
  day: string;

  @Enum({ items: () => CalendarDayKind, nativeEnumName: 'calendar_day_kind' })
  @Field(() => CalendarDayKind, { description: 'Holiday or make-up working day. 类型' })
  kind: CalendarDayKind;

  @Property({ type: 'text' })
  @Field({ description: 'Name, e.g. 国庆节. 名称' })
  name: string;
}
