import { badUserInput } from '@lianxin/graphql';

const SEPARATOR = '|';

/**
 * Keyset paging newest first on (time, id) for lists of records in time (visits, hazards, links):
 * the cursor key is `<ISO time>|<id>`, the next page holds what is older, ties broken by id.
 */
export function newestFirst<T extends { id: string }>(timeField: keyof T & string) {
  return {
    orderBy: { [timeField]: 'desc', id: 'desc' } as Record<string, 'desc'>,
    keyOf: (item: T): string => `${(item[timeField] as Date).toISOString()}${SEPARATOR}${item.id}`,
    after(afterKey: string | undefined): object {
      if (!afterKey) return {};
      const [iso, id] = afterKey.split(SEPARATOR);
      const time = new Date(iso);
      if (!id || Number.isNaN(time.getTime())) throw badUserInput('after', 'not a cursor returned by this list');
      return { $or: [{ [timeField]: { $lt: time } }, { [timeField]: time, id: { $lt: id } }] };
    },
  };
}
