import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * A one-time code a ledger keeper issues for a person, which the person redeems with their own login to
 * link it (DOMAIN.md §8.7). Only the keyed hash of the code is stored. At most one code per person is
 * active (neither redeemed nor revoked): issuing a new one revokes the old. Valid LINK_CODE_VALID_DAYS.
 */
@Entity({ tableName: 'person_link_code' })
@Index({
  name: 'person_link_code_active_unique',
  expression: 'create unique index "person_link_code_active_unique" on "person_link_code" ("person_id") where "redeemed_at" is null and "revoked_at" is null',
})
export class PersonLinkCode {
  [OptionalProps]?: 'id' | 'issuedAt' | 'redeemedAt' | 'redeemedBy' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  personId: string;

  /** PersonalDataVault.linkCodeHash of the normalised code. */
  @Property({ type: 'text' })
  @Unique({ name: 'person_link_code_hash_unique' })
  codeHash: string;

  /** Keycloak subject of the keeper who issued it. */
  @Property({ type: 'text' })
  issuedBy: string;

  @Property({ type: 'timestamptz' })
  issuedAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  redeemedAt: Date | null = null;

  /** Keycloak subject of the account that redeemed it. */
  @Property({ type: 'text', nullable: true })
  redeemedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
