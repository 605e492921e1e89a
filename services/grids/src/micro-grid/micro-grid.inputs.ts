import { Field, InputType } from '@nestjs/graphql';
import { Length, Matches } from 'class-validator';
import { MICRO_GRID_CODE } from '../common/grid-codes.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A new micro-grid inside a grid of your area. 新建微网格' })
export class CreateMicroGridInput {
  @Field({ description: 'Micro-grid code: the 15-digit grid code plus 3 digits. 微网格代码' })
  @Matches(MICRO_GRID_CODE, { message: 'must be 18 digits: the grid code plus 3 digits' })
  code: string;

  @Field({ description: 'Name, e.g. "3号楼". 名称' })
  @Length(1, 100)
  name: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}
