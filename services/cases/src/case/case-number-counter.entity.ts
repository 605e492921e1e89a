import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The last sequence number given out per county and local day; bumped atomically by an upsert. */
@Entity({ tableName: 'case_number_counter' })
export class CaseNumberCounter {
  @PrimaryKey({ type: 'text' })
  countyCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer' })
  lastValue: number;
}
