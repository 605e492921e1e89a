/**
 * Merging edits made from a stale version (issue 17, "conflicts that say what differs"). A row keeps, per
 * field, the version that last changed it and who changed it, when and from which device. An edit based on
 * `expectedVersion` may then apply the fields nobody changed since (disjoint edits merge); a field changed
 * since is a conflict. Pure: no database.
 */

/** The last change of one field: the row version it produced, who, when (ISO) and from which device. */
export interface FieldChange {
  v: number;
  by: string;
  at: string;
  device?: string | null;
}

/** Per field; `*` is the baseline of rows that existed before fields were tracked (all fields at that version). */
export type FieldChanges = Record<string, FieldChange>;

export interface MergePlan {
  /** Fields that may be applied. */
  merge: string[];
  /** Fields changed by someone else since `expectedVersion`. */
  conflicts: string[];
}

/** The version that last changed `field` (0 when never changed since the row was created). */
export function lastChangeOf(history: FieldChanges | null | undefined, field: string): FieldChange | undefined {
  return history?.[field] ?? history?.['*'];
}

/**
 * Which of `changed` (fields whose new value differs from the current one) an edit based on
 * `expectedVersion` may apply to a row at `currentVersion`. No expectedVersion, or the current one: all.
 * A version the row never had (ahead of it) is a conflict on every field.
 */
export function planMerge(changed: readonly string[], expectedVersion: number | null | undefined, currentVersion: number, history: FieldChanges | null | undefined): MergePlan {
  if (expectedVersion === null || expectedVersion === undefined || expectedVersion === currentVersion) return { merge: [...changed], conflicts: [] };
  if (expectedVersion > currentVersion) return { merge: [], conflicts: [...changed] };
  const merge: string[] = [];
  const conflicts: string[] = [];
  for (const field of changed) ((lastChangeOf(history, field)?.v ?? 0) > expectedVersion ? conflicts : merge).push(field);
  return { merge, conflicts };
}

/** The history after `fields` changed, producing `change.v`. */
export function withFieldChanges(history: FieldChanges | null | undefined, fields: readonly string[], change: FieldChange): FieldChanges {
  const next: FieldChanges = { ...(history ?? {}) };
  for (const field of fields) next[field] = { ...change };
  return next;
}
