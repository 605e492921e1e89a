import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OwnerType } from './owner-type.js';

/**
 * What media knows about an owner (a case, hazard, visit …), copied from the owning service's events
 * (owner-events.consumers.ts), so that "may this reader see the owner" is answered in media's own SQL:
 * the owner's area (grid or village code), the department holding a case, who created it, and when a
 * case closed (retention). Newer events win (`last_event_at`); the first creator is kept.
 */
@Entity({ tableName: 'media_owner' })
@Index({ name: 'media_owner_area_code_idx', expression: 'create index "media_owner_area_code_idx" on "media_owner" ("area_code" text_pattern_ops)' })
@Index({ name: 'media_owner_closed_at_idx', properties: ['closedAt'] })
export class MediaOwner {
  @Enum({ items: () => OwnerType, nativeEnumName: 'media_owner_type', primary: true })
  ownerType: OwnerType;

  @PrimaryKey({ type: 'text' })
  ownerId: string;

  @Property({ type: 'text' })
  areaCode: string;

  /** Cases: the department the case is dispatched to, if any. */
  @Property({ type: 'text', nullable: true })
  departmentCode: string | null = null;

  /** Keycloak subject of whoever created the owner (reporter, recorder, organiser); null when anonymous or unknown. */
  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  /** Cases: the current status. */
  @Property({ type: 'text', nullable: true })
  status: string | null = null;

  /** Cases: when it closed (null while open or reopened): the retention clock starts here. */
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  lastEventAt: Date;
}
