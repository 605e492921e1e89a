import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'police_record' })
@Index({ name: 'police_record_grid_code_idx', expression: 'create index "police_record_grid_code_idx" on "police_record" ("grid_code" text_pattern_ops)' })
@ObjectType('PoliceRecord', { description: 'A record the police department keeps about a grid. 部门网格记录' })
@Directive('@key(fields: "id")')
export class PoliceRecord extends BaseEntity {
  @Field(() => ID)
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'The grid the record is about (15 digits). 网格编码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'Title. 标题' })
  title: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Notes. 备注' })
  notes: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it happened. 发生时间' })
  occurredAt: Date;

  @Property({ type: 'text' })
  @Field({ description: 'Who recorded it (Keycloak user id). 记录人' })
  recordedBy: string;
}
