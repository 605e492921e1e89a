import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Household } from './household.entity.js';

export const HouseholdConnection = ConnectionType(Household, 'Household', 'Households. 户');

@ObjectType({ description: 'The household after the change. 变更后的户' })
export class HouseholdPayload {
  @Field(() => Household, { description: 'The household. 户' })
  household: Household;
}
