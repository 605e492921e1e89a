import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { GRID_EVENTS_SUBJECT, type GridEventData } from '../events/case-events.js';
import { GRID_EVENT_SCHEMAS } from '../events/consumed-schemas.js';

const GRID_CODE = /^\d{15}$/;

/** Why a grid event cannot be applied, or null when it can. */
export function gridEventProblem(data: Partial<GridEventData> | undefined): string | null {
  if (!data || !GRID_CODE.test(data.code ?? '')) return 'no 15-digit grid code';
  if (typeof data.name !== 'string' || data.name.trim() === '') return 'no name';
  if (!Number.isInteger(data.version)) return 'no version';
  return null;
}

/**
 * grids.grid.created / grids.grid.updated → the grid's name in `grid_name`. Events may arrive twice
 * or out of order (redelivery): a row only moves forward to a higher grid version.
 */
@Injectable()
export class GridNameConsumer extends IdempotentConsumer<GridEventData> {
  readonly name = 'cases-grid-names';
  readonly filterSubject = GRID_EVENTS_SUBJECT;
  override readonly schemas = GRID_EVENT_SCHEMAS;
  private readonly logger = new Logger(GridNameConsumer.name);

  async handle(envelope: EventEnvelope<GridEventData>, em: EntityManager): Promise<void> {
    const problem = gridEventProblem(envelope.data);
    if (problem) {
      // Retrying cannot fix a malformed event; it would only hold up the ones behind it.
      this.logger.warn({ msg: 'grid event skipped', eventId: envelope.id, type: envelope.type, problem });
      return;
    }
    const { code, name, version } = envelope.data;
    await em.execute(
      `insert into grid_name (code, name, version, updated_at) values (?, ?, ?, ?)
       on conflict (code) do update set name = excluded.name, version = excluded.version, updated_at = excluded.updated_at
       where grid_name.version < excluded.version`,
      [code, name, version, new Date(envelope.occurredAt)],
    );
  }
}
