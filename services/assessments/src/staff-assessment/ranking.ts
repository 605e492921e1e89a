/**
 * Competition ranking ("1224"): equal scores share a rank and the next rank skips. Ties are listed
 * in the order of `tieBreak` so the list is stable.
 */
export interface Ranked<T> {
  rank: number;
  item: T;
}

export function rankByScore<T>(items: readonly T[], score: (item: T) => number, tieBreak: (item: T) => string): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => score(b) - score(a) || tieBreak(a).localeCompare(tieBreak(b)));
  const ranked: Ranked<T>[] = [];
  sorted.forEach((item, index) => {
    const previous = ranked[index - 1];
    ranked.push({ rank: previous && score(previous.item) === score(item) ? previous.rank : index + 1, item });
  });
  return ranked;
}

export interface AreaAverage {
  areaCode: string;
  averageScore: number;
  assessedCount: number;
}

/** Mean score per area, where `areaOf` names the area (a grid, or a grid's village). */
export function averageByArea<T>(items: readonly T[], areaOf: (item: T) => string, score: (item: T) => number): AreaAverage[] {
  const sums = new Map<string, { total: number; count: number }>();
  for (const item of items) {
    const entry = sums.get(areaOf(item)) ?? { total: 0, count: 0 };
    entry.total += score(item);
    entry.count += 1;
    sums.set(areaOf(item), entry);
  }
  return [...sums.entries()].map(([areaCode, { total, count }]) => ({ areaCode, averageScore: Math.round((total / count) * 100) / 100, assessedCount: count }));
}
