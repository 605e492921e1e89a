import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditAction, PersonalDataField } from '../audit/audit-enums.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import type { PersonalDataVault } from './personal-data-vault.js';

export interface KeyRotationProgress {
  /** Persons read so far (in id order). */
  scanned: number;
  /** Persons in the table when the run started (new ones are sealed with the current key anyway). */
  total: number;
  /** Persons re-sealed (rotate) or found not yet under the current key (check) so far. */
  pending: number;
}

export interface KeyRotationReport {
  mode: 'rotate' | 'check';
  currentKeyId: string;
  previousKeyIds: string[];
  /** Persons read. */
  scanned: number;
  /** Persons whose ID number, phone and look-up hash were already under the current key (left alone). */
  current: number;
  /** rotate: persons re-sealed; check: persons not yet under the current key. */
  pending: number;
  /** Of those: ID numbers sealed with another key or in the format without key id. */
  idNumbers: number;
  /** Phones sealed with another key or in the format without key id. */
  phones: number;
  /** Look-up hashes not computed with the current key. */
  hashes: number;
  /** Persons whose sealed values no configured key opens (their ids: `unreadableIds`, at most 100). */
  unreadable: number;
  unreadableIds: string[];
  batches: number;
  elapsedMs: number;
}

export interface KeyRotationOptions {
  /** Persons per transaction (default 1,000). */
  batchSize?: number;
  /** Count only: nothing is written (but the run is audited: it opens every sealed value). */
  check?: boolean;
  onProgress?: (progress: KeyRotationProgress) => void;
}

interface PersonRow {
  id: string;
  id_number_sealed: Buffer;
  id_number_hash: string;
  phone_sealed: Buffer | null;
}

/** The longest code every person's grid starts with: the area the run covered, for auditors of that area. */
function commonPrefix(first: string, last: string): string {
  let length = 0;
  while (length < first.length && first[length] === last[length]) length += 1;
  return first.slice(0, length);
}

/**
 * Re-seals every person's ID number and phone with the vault's current key and recomputes the
 * look-up hash (§8.8, key rotation), or with `check` only counts the persons not yet there.
 *
 * Keyset paging by id, one transaction per batch: the batch's rows are locked (`for update`) while
 * they are opened and re-sealed, so a writer changing one of them meanwhile waits a few milliseconds
 * instead of being overwritten. A row counts as done when its ID number and phone open with the current
 * key in the format with key id and its hash is the current key's: those are not written again, so a
 * run that stopped half-way is resumed by running it again. The row's version and updated_at stay as
 * they are: the person's data did not change, and no event is sent. One audit line per run.
 */
export async function rotateDataKey(em: EntityManager, vault: PersonalDataVault, options: KeyRotationOptions = {}): Promise<KeyRotationReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const check = options.check === true;
  const report: KeyRotationReport = {
    mode: check ? 'check' : 'rotate',
    currentKeyId: vault.currentKeyId,
    previousKeyIds: vault.previousKeyIds,
    scanned: 0,
    current: 0,
    pending: 0,
    idNumbers: 0,
    phones: 0,
    hashes: 0,
    unreadable: 0,
    unreadableIds: [],
    batches: 0,
    elapsedMs: 0,
  };
  const [{ total, first, last }] = await em
    .fork()
    .getConnection()
    .execute<Array<{ total: string; first: string | null; last: string | null }>>('select count(*) as total, min(grid_code) as first, max(grid_code) as last from "person"');
  const progress = { total: Number(total), scanned: 0, pending: 0 };

  const select = `select "id", "id_number_sealed", "id_number_hash", "phone_sealed" from "person" where "id" > ? order by "id" limit ?${check ? '' : ' for update'}`;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = async (tx: EntityManager): Promise<number> => {
      const rows = await tx.execute<PersonRow[]>(select, [after, batchSize]);
      const updates: Array<[string, Buffer, string, Buffer | null]> = [];
      for (const row of rows) {
        try {
          const id = vault.unseal('idNumber', row.id_number_sealed);
          const idStale = id.legacy || id.keyId !== vault.currentKeyId;
          const hash = vault.lookupHash(id.value);
          const hashStale = hash !== row.id_number_hash;
          const phone = row.phone_sealed ? vault.unseal('phone', row.phone_sealed) : null;
          const phoneStale = phone !== null && (phone.legacy || phone.keyId !== vault.currentKeyId);
          if (!idStale && !hashStale && !phoneStale) {
            report.current += 1;
            continue;
          }
          report.pending += 1;
          if (idStale) report.idNumbers += 1;
          if (hashStale) report.hashes += 1;
          if (phoneStale) report.phones += 1;
          if (!check) {
            updates.push([row.id, idStale ? vault.seal('idNumber', id.value) : row.id_number_sealed, hash, phone && phoneStale ? vault.seal('phone', phone.value) : row.phone_sealed]);
          }
        } catch {
          report.unreadable += 1;
          if (report.unreadableIds.length < 100) report.unreadableIds.push(row.id);
        }
      }
      if (updates.length > 0) {
        const values = updates.map(() => '(?::uuid, ?::bytea, ?::text, ?::bytea)').join(', ');
        await tx.execute(
          `update "person" as p set "id_number_sealed" = v.sealed, "id_number_hash" = v.hash, "phone_sealed" = v.phone from (values ${values}) as v(id, sealed, hash, phone) where p."id" = v.id`,
          updates.flat(),
          'run',
        );
      }
      if (rows.length > 0) after = rows[rows.length - 1].id;
      return rows.length;
    };
    const read = check ? await batch(em.fork()) : await em.fork().transactional(batch);
    if (read === 0) break;
    report.batches += 1;
    report.scanned += read;
    progress.scanned = report.scanned;
    progress.pending = report.pending;
    options.onProgress?.({ ...progress, total: Math.max(progress.total, progress.scanned) });
    if (read < batchSize) break;
  }
  report.elapsedMs = Date.now() - started;

  const audit = em.fork();
  const { unreadableIds, ...counts } = report;
  audit.create(AuditLogEntry, {
    actorUserId: 'system',
    actorUsername: 'rotate-data-key',
    actorRoles: [],
    action: AuditAction.KEY_ROTATION,
    field: PersonalDataField.ID_NUMBER,
    areaCode: first && last ? commonPrefix(first, last) : '',
    filter: JSON.stringify({ ...counts, unreadableIds: unreadableIds.slice(0, 10) }),
    rowCount: report.pending,
    allowed: true,
  });
  await audit.flush();
  return report;
}
