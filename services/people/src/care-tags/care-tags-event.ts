import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@lianxin/events';
import { todayInChina } from '../common/calendar-date.js';
import { PeopleEvents, type PersonCareTagsData } from '../events/people-events.js';
import { TagCategory } from '../tag/tag-category.js';

/**
 * Records people.person.care_tags for a person (inside the caller's transaction, after its flush):
 * their non-sensitive VULNERABLE tags carried today (PersonCareTagsData). Grids keeps the copy that
 * drives the care schedule (§8.3).
 */
export async function recordCareTags(
  em: EntityManager,
  actor: string,
  person: { id: string; householdId: string | null; gridCode: string; birthDate: string; version: number },
): Promise<void> {
  const today = todayInChina();
  const rows = await em.execute<Array<{ tag_code: string }>>(
    `select distinct pt.tag_code from person_tag pt join tag t on t.code = pt.tag_code
      where pt.person_id = ? and pt.valid_from <= ? and (pt.valid_to is null or pt.valid_to >= ?)
        and not t.sensitive and t.category = ? order by pt.tag_code`,
    [person.id, today, today, TagCategory.VULNERABLE],
  );
  const tags = rows.map((row) => row.tag_code);
  recordEvent<PersonCareTagsData>(em, {
    type: PeopleEvents.PERSON_CARE_TAGS,
    areaCode: person.gridCode,
    actor,
    data: {
      personId: person.id,
      householdId: person.householdId,
      gridCode: person.gridCode,
      tags,
      birthday: tags.length > 0 ? person.birthDate.slice(5, 10) : null,
      version: person.version,
    },
  });
}
