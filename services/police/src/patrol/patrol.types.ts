import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { PolicePatrol } from './patrol.entity.js';

export const PolicePatrolConnection = ConnectionType(PolicePatrol, 'PolicePatrol', 'Police patrols, newest first. 警务巡逻记录');

@ObjectType('RecordPolicePatrolPayload', { description: 'The recorded patrol. 登记的巡逻记录' })
export class RecordPolicePatrolPayload {
  @Field(() => PolicePatrol, { description: 'The patrol. 巡逻记录' })
  patrol: PolicePatrol;
}
