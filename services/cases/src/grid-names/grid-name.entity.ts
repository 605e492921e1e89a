import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The name of every grid, kept from the grids service's grid events, so a list of cases answers
 * `grid { name }` itself (`@provides`) instead of sending the gateway to grids for each page.
 * Names only: everything else about a grid stays in the grids service.
 */
@Entity({ tableName: 'grid_name' })
export class GridName {
  @PrimaryKey({ type: 'text' })
  code: string;

  @Property({ type: 'text' })
  name: string;

  /** The grid's version in the grids service: an older event never overwrites a newer name. */
  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Date;
}
