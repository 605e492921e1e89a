import type { EventEnvelope } from './envelope.js';

/**
 * What a consumer checks an event's `data` with: anything with zod's `safeParse` (services write their
 * schemas with zod, re-exported here as `z`). Kept structural so libs/events does not tie consumers to a
 * validator's types.
 */
export interface DataSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** The declared shape of one consumed event type: the schema versions the consumer understands and its data. */
export interface EventShape {
  versions: readonly number[];
  data: DataSchema;
}

/**
 * A consumer's declared events by type (`cases.case.verified`); `'*'` covers the other types a wildcard
 * filter (`cases.case.*`) delivers. An event whose type is not declared (and no `'*'`), whose
 * schemaVersion is not listed, or whose data fails its schema cannot be applied: it is dead-lettered.
 */
export type EventSchemas = Readonly<Record<string, EventShape>>;

/** Why the envelope does not match the consumer's declared events, or null when it does. */
export function eventShapeProblem(schemas: EventSchemas | undefined, envelope: EventEnvelope): string | null {
  if (!schemas) return null;
  const shape = schemas[envelope.type] ?? schemas['*'];
  if (!shape) return `event type ${envelope.type} is not one this consumer declares`;
  if (!shape.versions.includes(envelope.schemaVersion)) {
    return `${envelope.type} schemaVersion ${envelope.schemaVersion} is not understood (declared: ${shape.versions.join(', ')})`;
  }
  const result = shape.data.safeParse(envelope.data);
  if (result.success) return null;
  return result.error.issues
    .slice(0, 5)
    .map((issue) => `data${issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')}: ${issue.message}`)
    .join('; ');
}
