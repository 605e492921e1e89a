import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'visit' })
@Index({ name: 'visit_grid_code_idx', expression: 'create index "visit_grid_code_idx" on "visit" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'A door-to-door visit by a grid worker, with the public-opinion diary. 入户走访' })
// Media (issue 17) adds `mediaAttachments` to this type by its key; this subgraph resolves no references.
@Directive('@key(fields: "id", resolvable: false)')
export class Visit extends BaseEntity<'diary'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'uuid' })
  @Index()
  staffId: string;

  @Property({ type: 'uuid' })
  @Index()
  householdId: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the visit took place. 走访时间' })
  visitedAt: Date;

  @Property({ type: 'text' })
  @Field({ description: 'What the worker found. 走访情况' })
  findings: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Public-opinion diary: what residents said and want. 民情日记' })
  diary: string | null = null;

  @Property({ type: 'text' })
  recordedBy: string;
}
