import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { HouseholdAssignment } from './household-assignment.entity.js';
import { LoadStatus } from './load-status.js';

registerEnumType(LoadStatus, {
  name: 'HouseholdLoadStatus',
  description: 'A worker\'s household load against the configured bounds (default 30–50). 包联户数状态',
  valuesMap: {
    UNDER: { description: 'Fewer households than the lower bound. 低于下限' },
    OK: { description: 'Within the bounds. 正常' },
    OVER: { description: 'More households than the upper bound. 超出上限' },
  },
});

export const HouseholdAssignmentConnection = ConnectionType(HouseholdAssignment, 'HouseholdAssignment', 'Household links. 包联关系');

@ObjectType({ description: 'The household\'s link after the change. 变更后的包联关系' })
export class AssignHouseholdPayload {
  @Field(() => HouseholdAssignment, { description: 'The current link. 当前包联关系' })
  assignment: HouseholdAssignment;

  @Field(() => HouseholdAssignment, { nullable: true, description: 'The link it replaced, if the household moved. 被替换的包联关系' })
  previous: HouseholdAssignment | null;
}
