import { badUserInput } from './errors.js';

const SEPARATOR = '|';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keyset paging newest first on (time, id) for records in time (patrols, postings): the cursor key
 * is `<ISO time>|<id>`; the next page holds what is older, ties on the time broken by id.
 * Times come from DateTime inputs (millisecond precision), so they round-trip exactly.
 */
export function newestFirst<T extends { id: string }>(timeField: keyof T & string) {
  return {
    orderBy: { [timeField]: 'desc', id: 'desc' } as Record<string, 'desc'>,
    keyOf: (item: T): string => `${(item[timeField] as Date).toISOString()}${SEPARATOR}${item.id}`,
    after(afterKey: string | undefined): object {
      if (afterKey === undefined) return {};
      const [iso, id, ...rest] = afterKey.split(SEPARATOR);
      const time = new Date(iso);
      if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(time.getTime())) {
        throw badUserInput('after', 'not a cursor returned by this list');
      }
      return { $or: [{ [timeField]: { $lt: time } }, { [timeField]: time, id: { $lt: id } }] };
    },
  };
}
