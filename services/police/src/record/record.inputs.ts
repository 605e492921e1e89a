import { Field, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, Length, Matches } from 'class-validator';

@InputType('CreatePoliceRecordInput', { description: 'A new record about a grid in your area. 新建部门网格记录' })
export class CreatePoliceRecordInput {
  @Field({ description: 'Grid code (15 digits). 网格编码' })
  @Matches(/^\d{15}$/, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'Notes. 备注' })
  @IsOptional()
  @Length(0, 2000)
  notes?: string;

  @Field({ description: 'When it happened. 发生时间' })
  @IsDate()
  occurredAt: Date;
}
