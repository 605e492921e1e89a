import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Hazard } from './hazard.entity.js';
import { KeyPlace } from './key-place.entity.js';
import { Patrol } from './patrol.entity.js';
import { Visit } from './visit.entity.js';

export const KeyPlaceConnection = ConnectionType(KeyPlace, 'KeyPlace', 'Key places. 重点场所');
export const VisitConnection = ConnectionType(Visit, 'Visit', 'Visits, newest first. 入户走访');
export const PatrolConnection = ConnectionType(Patrol, 'Patrol', 'Patrols, newest first. 巡查记录');
export const HazardConnection = ConnectionType(Hazard, 'Hazard', 'Hazards, newest first. 安全隐患');

@ObjectType({ description: 'The recorded visit. 已记录的走访' })
export class RecordVisitPayload {
  @Field(() => Visit, { description: 'The visit. 走访' })
  visit: Visit;
}

@ObjectType({ description: 'The registered key place. 已登记的重点场所' })
export class KeyPlacePayload {
  @Field(() => KeyPlace, { description: 'The key place. 重点场所' })
  keyPlace: KeyPlace;
}

@ObjectType({ description: 'The recorded patrol and the hazards it reported. 已记录的巡查' })
export class RecordPatrolPayload {
  @Field(() => Patrol, { description: 'The patrol. 巡查' })
  patrol: Patrol;

  @Field(() => [Hazard], { description: 'Hazards reported with it. 上报的隐患' })
  hazards: Hazard[];
}

@ObjectType({ description: 'The reported hazard. 已上报的隐患' })
export class ReportHazardPayload {
  @Field(() => Hazard, { description: 'The hazard. 隐患' })
  hazard: Hazard;
}
