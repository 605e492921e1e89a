import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Timestamps and a version column for optimistic locking, for entities with a natural key. */
export abstract class VersionedEntity<Optional extends string = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | Optional;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** UUID id, timestamps and a version column for optimistic locking. */
export abstract class BaseEntity<Optional extends string = never> extends VersionedEntity<'id' | Optional> {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();
}
