import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Area } from './area.entity.js';

export const AreaConnection = ConnectionType(Area, 'Area', 'Areas. 行政区划');

@ObjectType({ description: 'The area after the change. 变更后的行政区划' })
export class AreaPayload {
  @Field(() => Area)
  area: Area;
}
