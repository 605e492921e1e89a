import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Grid } from './grid.entity.js';

export const GridConnection = ConnectionType(Grid, 'Grid', 'Grids. 网格');

@ObjectType({ description: 'The grid after the change. 变更后的网格' })
export class GridPayload {
  @Field(() => Grid, { description: 'The grid. 网格' })
  grid: Grid;
}
