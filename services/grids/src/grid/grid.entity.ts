import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';
import { gridDetailField } from '../common/access.js';
import { JSONScalar } from '../common/json.scalar.js';
import type { GridBoundary } from './geojson.js';
import { GridKind } from './grid-kind.js';

@Entity({ tableName: 'grid' })
@Index({ name: 'grid_code_prefix_idx', expression: 'create index "grid_code_prefix_idx" on "grid" ("code" text_pattern_ops)' })
@ObjectType({ description: 'A grid: the smallest unit of community governance, inside a village or community. 网格' })
@Directive('@key(fields: "code")')
export class Grid extends VersionedEntity<'boundary' | 'householdCount' | 'partyOrganizationId'> {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Grid code: 15 digits, starting with the 12-digit village code. 网格代码' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  // cases keeps a copy of the names from grid events and answers them for a case's grid (@provides).
  @Directive('@shareable')
  name: string;

  @Enum({ items: () => GridKind, nativeEnumName: 'grid_kind' })
  @Field(() => GridKind, { description: 'Kind. 网格类型', middleware: [gridDetailField] })
  kind: GridKind;

  @Property({ type: 'text' })
  @Index()
  villageCode: string;

  @Property({ type: 'json', nullable: true })
  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Boundary as a GeoJSON Polygon or MultiPolygon (WGS 84 longitude/latitude). 网格边界（GeoJSON 多边形）',
    middleware: [gridDetailField],
  })
  boundary: GridBoundary | null = null;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Target number of households the grid serves. 目标户数', middleware: [gridDetailField] })
  householdCount: number | null = null;

  /** Organization (party branch) of the organizations subgraph; exposed as `partyOrganization`. */
  @Property({ type: 'uuid', nullable: true })
  partyOrganizationId: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when updating. 版本号', middleware: [gridDetailField] })
  declare version: number;
}
