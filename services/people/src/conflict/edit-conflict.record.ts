import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { AuthUser } from '@lianxin/auth';
import { type FieldChanges, lastChangeOf } from '@lianxin/db';
import { ErrorCode } from '@lianxin/graphql';
import { EditConflict, EditConflictEntity, EditConflictStatus } from './edit-conflict.entity.js';
import { UNPARKED_FIELDS } from './edit-conflict.policy.js';

export interface StaleEdit {
  entityType: EditConflictEntity;
  entityId: string;
  gridCode: string;
  baseVersion: number;
  currentVersion: number;
  history: FieldChanges;
  /** Conflicting field → the value the edit proposed (only fields that may be parked are used). */
  proposed: Record<string, string | null>;
  at: Date;
  device: string | null;
}

/** Parks the parkable conflicting fields (one open row per field, proposer and value) and returns their ids. */
export async function parkEditConflicts(em: EntityManager, user: AuthUser, edit: StaleEdit): Promise<string[]> {
  const ids: string[] = [];
  for (const [field, value] of Object.entries(edit.proposed)) {
    if (UNPARKED_FIELDS.has(field)) continue;
    const open = await em.findOne(EditConflict, { entityId: edit.entityId, field, proposedBy: user.sub, status: EditConflictStatus.OPEN });
    if (open && open.proposedValue === value) {
      ids.push(open.id);
      continue;
    }
    const last = lastChangeOf(edit.history, field);
    const row = em.create(EditConflict, {
      entityType: edit.entityType,
      entityId: edit.entityId,
      gridCode: edit.gridCode,
      field,
      proposedValue: value,
      baseVersion: edit.baseVersion,
      currentVersion: edit.currentVersion,
      proposedBy: user.sub,
      proposedByName: user.username,
      proposedAt: edit.at,
      proposedDevice: edit.device,
      currentChangedBy: last && last.by !== 'migration' ? last.by : null,
      currentChangedAt: last ? new Date(last.at) : null,
      currentDevice: last?.device ?? null,
    });
    ids.push(row.id);
  }
  return ids;
}

/**
 * CONFLICT for an edit made from a stale version: the current version, which fields differ, which fields
 * were merged anyway, and the ids of the conflicts parked for the grid leader.
 */
export function editConflictError(what: string, id: string, details: { currentVersion: number; conflictingFields: string[]; mergedFields: string[]; conflictIds: string[] }): GraphQLError {
  const parked = details.conflictingFields.filter((field) => !UNPARKED_FIELDS.has(field));
  const reason =
    `${what} ${id} is at version ${details.currentVersion}; someone else changed ${details.conflictingFields.join(', ')} since your version` +
    (details.mergedFields.length ? `; your other changes (${details.mergedFields.join(', ')}) were merged` : '') +
    (parked.length ? `; your values of ${parked.join(', ')} wait for the grid leader (editConflicts)` : '');
  return new GraphQLError(`Conflict: ${reason}`, { extensions: { code: ErrorCode.CONFLICT, reason, ...details } });
}
