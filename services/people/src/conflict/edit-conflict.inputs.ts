import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { EditConflictStatus } from './edit-conflict.entity.js';

@InputType({ description: 'Which edit conflicts to list. 冲突筛选' })
export class EditConflictFilter {
  @Field(() => EditConflictStatus, { nullable: true, description: 'Status; OPEN by default. 状态（默认待处理）' })
  @IsOptional()
  @IsEnum(EditConflictStatus)
  status?: EditConflictStatus;

  @Field({ nullable: true, description: 'Only grids under this code. 区域或网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only this person or household. 对象ID' })
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

@InputType({ description: 'Resolve an edit conflict: take the proposed value or keep the current one. 处理编辑冲突' })
export class ResolveEditConflictInput {
  @Field(() => ID, { description: 'Conflict id. 冲突ID' })
  @IsUUID()
  id: string;

  @Field({ description: 'true: apply the proposed value; false: keep the current value. 是否采纳提议值' })
  @IsBoolean()
  accept: boolean;

  @Field({ nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 500)
  note?: string;
}
