import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { CommunityOfficer } from './officer.entity.js';

export const CommunityOfficerConnection = ConnectionType(CommunityOfficer, 'CommunityOfficer', 'Community officers. 社区民警');

@ObjectType('AssignCommunityOfficerPayload', { description: 'The grid\'s officer after the assignment. 指派结果' })
export class AssignCommunityOfficerPayload {
  @Field(() => CommunityOfficer, { description: 'The posting that now holds the grid. 当前在任民警' })
  officer: CommunityOfficer;

  @Field(() => CommunityOfficer, { nullable: true, description: 'The posting this assignment ended, if another officer held the grid. 被替换的民警' })
  previousOfficer: CommunityOfficer | null;
}
