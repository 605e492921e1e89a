import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { TagCategory } from './tag-category.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A new focus tag for the catalogue. 新建重点人群标签' })
export class CreateTagInput {
  @Field({ description: 'Code in UPPER_SNAKE_CASE. 标签代码' })
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/, { message: 'must be UPPER_SNAKE_CASE, 2 to 50 characters' })
  code: string;

  @Field({ description: 'Chinese name. 中文名称' })
  @Length(1, 50)
  nameZh: string;

  @Field({ description: 'English name. 英文名称' })
  @Length(1, 100)
  nameEn: string;

  @Field(() => TagCategory, { description: 'Ledger it belongs to. 类别' })
  @IsEnum(TagCategory)
  category: TagCategory;

  @Field({ nullable: true, description: 'Sensitive (special population); SPECIAL tags always are. 是否敏感' })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Filter for the tag catalogue. 标签筛选' })
export class TagFilter {
  @Field(() => TagCategory, { nullable: true, description: 'Only this category. 类别' })
  @IsOptional()
  @IsEnum(TagCategory)
  category?: TagCategory;
}
