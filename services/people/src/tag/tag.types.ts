import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Tag } from './tag.entity.js';

export const TagConnection = ConnectionType(Tag, 'Tag', 'Focus tags. 重点人群标签');

@ObjectType({ description: 'The tag after the change. 变更后的标签' })
export class TagPayload {
  @Field(() => Tag, { description: 'The tag. 标签' })
  tag: Tag;
}
