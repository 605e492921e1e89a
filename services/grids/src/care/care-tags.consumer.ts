import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type EventSchemas, IdempotentConsumer } from '@lianxin/events';
import { z } from 'zod';
import { CareService, type PersonCareTags } from './care.service.js';

export const CARE_TAGS_SUBJECT = 'people.person.care_tags';

const SCHEMAS: EventSchemas = {
  [CARE_TAGS_SUBJECT]: {
    versions: [1],
    data: z.object({
      personId: z.string().uuid(),
      householdId: z.string().uuid().nullable(),
      gridCode: z.string().regex(/^\d{15}$/),
      tags: z.array(z.string().min(1)),
      birthday: z.string().regex(/^\d{2}-\d{2}$/).nullable(),
      version: z.number().int(),
    }),
  },
};

/** people.person.care_tags → care_subject, and the households' schedules rewritten (§8.3). */
@Injectable()
export class CareTagsConsumer extends IdempotentConsumer<PersonCareTags> {
  readonly name = 'grids-care-tags';
  readonly filterSubject = CARE_TAGS_SUBJECT;
  override readonly schemas = SCHEMAS;

  constructor(private readonly care: CareService) {
    super();
  }

  handle(envelope: EventEnvelope<PersonCareTags>, em: EntityManager): Promise<void> {
    return this.care.applySubject(em, envelope.data);
  }
}
