import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { PersonalDataField } from '../audit/audit-enums.js';
import { Person } from './person.entity.js';

export const PersonConnection = ConnectionType(Person, 'Person', 'Persons. 人员');

@ObjectType({ description: 'The person after the change. 变更后的人员' })
export class PersonPayload {
  @Field(() => Person, { description: 'The person. 人员' })
  person: Person;
}

@ObjectType({ description: 'The person found by ID number, if any. 按身份证号查找的结果' })
export class LookUpPersonPayload {
  @Field(() => Person, { nullable: true, description: 'The person; null when nobody with this number is in your area. 人员（辖区内无此人时为空）' })
  person: Person | null;
}

@ObjectType({ description: 'A clear personal-data value, shown once and audited. 个人信息明文（已留痕）' })
export class RevealPersonalDataPayload {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  personId: string;

  @Field(() => PersonalDataField, { description: 'Which field. 字段' })
  field: PersonalDataField;

  @Field(() => String, { nullable: true, description: 'The clear value; null when none is recorded. 明文（未登记为空）' })
  value: string | null;
}
