import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'Link a household to a grid worker (包联); a household already linked moves to this worker. 户包联' })
export class AssignHouseholdInput {
  @Field(() => ID, { description: 'The household (people subgraph). 户 ID' })
  @IsUUID()
  householdId: string;

  @Field(() => ID, { description: 'The worker\'s current staff assignment. 网格员任职记录 ID' })
  @IsUUID()
  staffId: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}
