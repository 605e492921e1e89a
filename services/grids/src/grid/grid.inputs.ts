import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { JSONScalar } from '../common/json.scalar.js';
import { GRID_CODE, VILLAGE_CODE } from '../common/grid-codes.js';
import { IsGridBoundary, type GridBoundary } from './geojson.js';
import { GridKind } from './grid-kind.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

const MAX_HOUSEHOLDS = 100_000;

@InputType({ description: 'A new grid inside a village of your area. 新建网格' })
export class CreateGridInput {
  @Field({ description: 'Grid code: the 12-digit village code plus 3 digits. 网格代码' })
  @Matches(GRID_CODE, { message: 'must be 15 digits: the village code plus 3 digits' })
  code: string;

  @Field({ description: 'Name. 名称' })
  @Length(1, 100)
  name: string;

  @Field(() => GridKind, { description: 'Kind. 网格类型' })
  @IsEnum(GridKind)
  kind: GridKind;

  @Field(() => JSONScalar, { nullable: true, description: 'Boundary: GeoJSON Polygon or MultiPolygon. 网格边界' })
  @IsOptional()
  @IsGridBoundary()
  boundary?: GridBoundary | null;

  @Field(() => Int, { nullable: true, description: 'Target number of households. 目标户数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_HOUSEHOLDS)
  householdCount?: number | null;

  @Field(() => ID, { nullable: true, description: 'Party organization (e.g. grid party branch) covering the grid. 网格党组织' })
  @IsOptional()
  @IsUUID()
  partyOrganizationId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Change a grid; omitted fields stay, null clears an optional one. 修改网格' })
export class UpdateGridInput {
  @Field({ description: 'Grid code. 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  code: string;

  @Field(() => Int, { description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsInt()
  @Min(1)
  expectedVersion: number;

  @Field({ nullable: true, description: 'New name. 新名称' })
  @IsOptional()
  @Length(1, 100)
  name?: string;

  @Field(() => GridKind, { nullable: true, description: 'New kind. 网格类型' })
  @IsOptional()
  @IsEnum(GridKind)
  kind?: GridKind;

  @Field(() => JSONScalar, { nullable: true, description: 'New boundary; null removes it. 网格边界' })
  @IsOptional()
  @IsGridBoundary()
  boundary?: GridBoundary | null;

  @Field(() => Int, { nullable: true, description: 'Target number of households; null removes it. 目标户数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_HOUSEHOLDS)
  householdCount?: number | null;

  @Field(() => ID, { nullable: true, description: 'Party organization; null removes it. 网格党组织' })
  @IsOptional()
  @IsUUID()
  partyOrganizationId?: string | null;
}

@InputType({ description: 'Filter for grids in your scope. 网格筛选' })
export class GridFilter {
  @Field({ nullable: true, description: 'Only grids of this village (12 digits). 所属村（社区）代码' })
  @IsOptional()
  @Matches(VILLAGE_CODE, { message: 'must be a 12-digit village code' })
  villageCode?: string;

  @Field(() => GridKind, { nullable: true, description: 'Only this kind. 网格类型' })
  @IsOptional()
  @IsEnum(GridKind)
  kind?: GridKind;
}
