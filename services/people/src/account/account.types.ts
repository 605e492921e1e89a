import { Field, ObjectType } from '@nestjs/graphql';
import { Person } from '../person/person.entity.js';

@ObjectType({ description: 'A one-time link code, shown once: hand it to the person. 关联码（仅显示一次）' })
export class IssueLinkCodePayload {
  @Field({ description: 'The code, e.g. ABCDE-FGHJK; only its hash is kept. 关联码' })
  code: string;

  @Field({ description: 'It works until then, once. 有效期至' })
  expiresAt: Date;

  @Field(() => Person, { description: 'The person it links. 人员' })
  person: Person;
}
