import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { claimIdempotencyKey } from '@lianxin/db';
import { badUserInput } from '@lianxin/graphql';
import { PersonAccess } from '../access/person-access.service.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { todayInChina } from '../common/calendar-date.js';
import { PeopleEvents, type HouseholdCreatedData, type PersonRegisteredData, type PersonUpdatedData } from '../events/people-events.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../person/person.entity.js';
import { GRID_CODE } from '../person/person-facts.js';
import { activeOn, ID_NUMBER_TAKEN, idNumberMatchRecord, type Actor } from '../person/person.service.js';
import { Residence } from '../person/residence.entity.js';
import { TagAssignment } from '../person/tag-assignment.entity.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { sealIdNumber, sealPhone } from '../personal-data/sealed-fields.js';
import { Tag } from '../tag/tag.entity.js';
import { readHeader, type HeaderMap } from './import-columns.js';
import { checkImportRow, type ImportCandidate, type ImportRowError, type RowContext } from './import-row.js';
import { UnreadableFileError, type SourceRecord } from './import-source.js';

export interface ImportOptions {
  actor: Actor;
  defaultGridCode?: string;
  /** Validate and count against the database, then roll every batch back. */
  dryRun?: boolean;
  /** Rows per transaction. */
  batchSize?: number;
  /** At most this many row errors are kept in the report (all are counted). */
  maxReportedErrors?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Input field named in BAD_USER_INPUT errors about the file as a whole. */
  fileField?: string;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  householdsCreated: number;
}

export interface ImportProgress extends ImportCounts {
  elapsedMs: number;
}

export interface ImportReport extends ImportCounts {
  dryRun: boolean;
  errors: ImportRowError[];
  errorsTruncated: boolean;
}

interface KnownHousehold {
  id: string;
  gridCode: string;
}

/** What one run remembers across batches. */
interface RunState {
  header: HeaderMap;
  counts: ImportCounts;
  errors: ImportRowError[];
  /** Row of each ID number seen so far, to refuse duplicates inside the file. */
  rowByIdNumber: Map<string, number>;
  dryRun: boolean;
  households: Map<string, KnownHousehold>;
}

class DryRunRollback extends Error {
  constructor(readonly result: BatchResult) {
    super('dry run');
  }
}

interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  householdsCreated: number;
  errors: ImportRowError[];
}

/**
 * Bulk import of the population ledger from CSV or XLSX (importPeople and dist/import.js). Rows are
 * checked one by one; good rows are written in batches, each batch in its own transaction; persons are
 * matched by the keyed hash of their ID number, so importing the same file again changes nothing.
 */
@Injectable()
export class PeopleImporter {
  constructor(
    private readonly em: EntityManager,
    private readonly vault: PersonalDataVault,
    private readonly audit: AuditService,
    private readonly access: PersonAccess,
  ) {}

  /** Reads the header first: a file that cannot be read or lacks required columns writes nothing. */
  /**
   * Issue 17: the first report of an import sent with an idempotency key (null for a first import). The import
   * itself spans many transactions, so its key row is written when it ends (`rememberReport`); a replay
   * before that, or at the same moment, imports again, but every row at most once (ID numbers are unique).
   */
  async storedReport(actor: AuthUser, key: string | undefined, payload: object): Promise<ImportReport | null> {
    if (!key) return null;
    return this.em.fork().transactional(async (em) => (await claimIdempotencyKey<Record<string, unknown>>(em, { caller: actor.sub, operation: 'importPeople', key, payload })).replay as unknown as ImportReport | null ?? null);
  }

  async rememberReport(actor: AuthUser, key: string | undefined, payload: object, report: ImportReport): Promise<ImportReport> {
    if (!key) return report;
    return this.em.fork().transactional(async (em) => {
      const claim = await claimIdempotencyKey<Record<string, unknown>>(em, { caller: actor.sub, operation: 'importPeople', key, payload });
      if (claim.replay) return claim.replay as unknown as ImportReport;
      claim.remember(report as unknown as Record<string, unknown>);
      return report;
    });
  }

  async run(records: AsyncIterable<SourceRecord>, options: ImportOptions): Promise<ImportReport> {
    const started = Date.now();
    const iterator = records[Symbol.asyncIterator]();
    const fileField = options.fileField ?? 'file';
    const first = await this.next(iterator, fileField);
    if (first.done) throw badUserInput(fileField, 'the file is empty');
    if (options.defaultGridCode !== undefined) this.checkDefaultGrid(options.actor, options.defaultGridCode);
    const checkedHeader = readHeader(first.value.cells, Boolean(options.defaultGridCode));
    if (!checkedHeader.valid) throw badUserInput(fileField, checkedHeader.reason);
    const context = await this.rowContext(options);
    const state: RunState = {
      header: checkedHeader.header,
      counts: { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, householdsCreated: 0 },
      errors: [],
      rowByIdNumber: new Map(),
      dryRun: Boolean(options.dryRun),
      households: new Map(),
    };
    const maxErrors = options.maxReportedErrors ?? 1000;
    const report = (errors: ImportRowError[]) => {
      state.counts.failed += errors.length === 0 ? 0 : new Set(errors.map((error) => error.row)).size;
      state.errors.push(...errors.slice(0, Math.max(0, maxErrors - state.errors.length)));
    };
    const batchSize = options.batchSize ?? 1000;
    let batch: ImportCandidate[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const result = await this.writeBatch(batch, state, options);
      state.counts.created += result.created;
      state.counts.updated += result.updated;
      state.counts.unchanged += result.unchanged;
      state.counts.householdsCreated += result.householdsCreated;
      report(result.errors);
      batch = [];
      options.onProgress?.({ ...state.counts, elapsedMs: Date.now() - started });
    };
    for (let next = await this.next(iterator, fileField); !next.done; next = await this.next(iterator, fileField)) {
      const { row, cells } = next.value;
      if (cells.every((cell) => !cell?.trim())) continue;
      state.counts.rows += 1;
      const checked = checkImportRow(row, cells, state.header, context);
      if ('errors' in checked) {
        report(checked.errors);
        continue;
      }
      const earlier = state.rowByIdNumber.get(checked.candidate.facts.idNumber);
      if (earlier !== undefined) {
        report([{ row, column: state.header.headerOf.idNumber, reason: `same ID number as row ${earlier}` }]);
        continue;
      }
      state.rowByIdNumber.set(checked.candidate.facts.idNumber, row);
      batch.push(checked.candidate);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return { ...state.counts, dryRun: Boolean(options.dryRun), errors: state.errors, errorsTruncated: state.counts.failed > state.errors.length };
  }

  private async next(iterator: AsyncIterator<SourceRecord>, fileField: string): Promise<IteratorResult<SourceRecord>> {
    try {
      return await iterator.next();
    } catch (error) {
      if (error instanceof UnreadableFileError) throw badUserInput(fileField, error.message);
      throw error;
    }
  }

  private checkDefaultGrid(actor: Actor, gridCode: string): void {
    if (!GRID_CODE.test(gridCode)) throw badUserInput('defaultGridCode', 'must be a 15-digit grid code');
    if (actor !== 'system' && !isInScope(actor, gridCode)) throw badUserInput('defaultGridCode', `grid ${gridCode} is outside your area`);
  }

  private async rowContext(options: ImportOptions): Promise<RowContext> {
    const { actor } = options;
    const tags = await this.em.find(Tag, {});
    const usable = actor === 'system' || this.access.readsSensitiveTags(actor) ? tags : tags.filter((tag) => !tag.sensitive);
    const tagCodeByName = new Map<string, string>();
    for (const tag of usable) for (const name of [tag.code, tag.nameZh, tag.nameEn]) tagCodeByName.set(name, tag.code);
    return {
      defaultGridCode: options.defaultGridCode,
      tagCodeByName,
      gridAllowed: (gridCode) => actor === 'system' || isInScope(actor as AuthUser, gridCode),
    };
  }

  private async writeBatch(batch: ImportCandidate[], state: RunState, options: ImportOptions): Promise<BatchResult> {
    const matches: AuditRecord[] = [];
    try {
      return await this.em.fork().transactional(async (em) => {
        const result = await this.applyBatch(em, batch, state, options.actor, matches);
        if (options.dryRun) throw new DryRunRollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    } finally {
      // §8.8: a file of candidate numbers (a dry run above all) asks "is this number registered" per row:
      // every row that named a registered person is audited, whatever became of the batch.
      if (options.actor !== 'system') await this.audit.recordMany(options.actor, matches);
    }
  }

  /**
   * New rows go in with one multi-row INSERT per table (no change tracking for thousands of fresh
   * entities); changes to persons already registered and the outbox events go through the unit of work.
   */
  private async applyBatch(em: EntityManager, batch: ImportCandidate[], state: RunState, actor: Actor, matches: AuditRecord[]): Promise<BatchResult> {
    const actorId = actor === 'system' ? 'system' : actor.sub;
    const result: BatchResult = { created: 0, updated: 0, unchanged: 0, householdsCreated: 0, errors: [] };
    const today = todayInChina();
    const now = new Date();
    // A number's hashes under every configured key: during a key rotation a row may still be under a previous one.
    const candidateHashes = batch.map((candidate) => this.vault.lookupHashes(candidate.facts.idNumber));
    const existing = new Map(
      (await em.find(Person, { idNumberHash: { $in: candidateHashes.flat() } }, { populate: ['phoneSealed'] })).map((person) => [person.idNumberHash, person]),
    );
    const hashes = candidateHashes.map((all) => all.find((hash) => existing.has(hash)) ?? all[0]);
    const activeTags = new Set(
      existing.size === 0
        ? []
        : (await em.find(TagAssignment, { $and: [{ personId: { $in: [...existing.values()].map((person) => person.id) } }, activeOn(today)] })).map(
            (assignment) => `${assignment.personId}:${assignment.tagCode}`,
          ),
    );
    await this.loadHouseholds(em, batch, state);
    const fresh = { households: [] as Household[], persons: [] as Person[], residences: [] as Residence[], tags: [] as TagAssignment[] };
    const heads = new Map<string, string>();
    const updated: Array<{ person: Person; changed: string[] }> = [];

    for (const [index, candidate] of batch.entries()) {
      const { facts, row } = candidate;
      const household = this.householdFor(em, candidate, state, actor, result, fresh.households);
      if (household === 'refused') continue;
      let person = existing.get(hashes[index]);
      const changed: string[] = [];
      if (!person) {
        person = em.create(
          Person,
          {
            name: facts.name,
            sex: facts.sex,
            birthDate: facts.birthDate,
            ...sealIdNumber(this.vault, facts.idNumber),
            ...sealPhone(this.vault, facts.phone),
            address: facts.address,
            gridCode: facts.gridCode,
            residenceStatus: facts.residenceStatus,
            householdId: household?.id ?? null,
            version: 1,
          },
          { persist: false },
        );
        fresh.persons.push(person);
        fresh.residences.push(
          em.create(Residence, { personId: person.id, gridCode: facts.gridCode, householdId: person.householdId, movedInAt: now, reason: 'imported', recordedBy: actorId }, { persist: false }),
        );
        result.created += 1;
      } else {
        const inScope = actor === 'system' || isInScope(actor, person.gridCode);
        if (actor !== 'system') matches.push(idNumberMatchRecord(actor, person, state.dryRun ? 'importPeople (dry run)' : 'importPeople'));
        if (person.gridCode !== facts.gridCode) {
          // Outside the caller's area the answer must not say where (§8.8): the same words as registerPerson's.
          const reason = inScope ? `already registered in grid ${person.gridCode}: move the person with movePerson` : ID_NUMBER_TAKEN;
          result.errors.push({ row, column: inScope ? state.header.headerOf.gridCode : state.header.headerOf.idNumber, reason });
          continue;
        }
        const updates: Partial<Person> = { name: facts.name };
        if (candidate.given.sex) updates.sex = facts.sex;
        if (candidate.given.address) updates.address = facts.address;
        if (candidate.given.residenceStatus) updates.residenceStatus = facts.residenceStatus;
        if (household) updates.householdId = household.id;
        for (const [field, value] of Object.entries(updates) as Array<[keyof Person & string, unknown]>) {
          if (person[field] !== value) {
            Object.assign(person, { [field]: value });
            changed.push(field === 'householdId' ? 'household' : field);
          }
        }
        if (candidate.given.phone && (person.phoneSealed ? this.vault.open('phone', person.phoneSealed) : null) !== facts.phone) {
          Object.assign(person, sealPhone(this.vault, facts.phone));
          changed.push('phone');
        }
      }
      const newTags = candidate.tagCodes.filter((code) => !activeTags.has(`${person.id}:${code}`));
      for (const tagCode of newTags) {
        fresh.tags.push(em.create(TagAssignment, { personId: person.id, tagCode, validFrom: today, assignedBy: actorId }, { persist: false }));
      }
      if (household && candidate.householdHead) heads.set(household.id, person.id);
      if (existing.has(hashes[index])) {
        if (newTags.length > 0) changed.push('tags');
        if (changed.length === 0) {
          result.unchanged += 1;
        } else {
          person.updatedAt = now;
          updated.push({ person, changed });
          result.updated += 1;
        }
      }
    }

    for (const household of fresh.households) {
      household.headId = heads.get(household.id) ?? null;
      heads.delete(household.id);
    }
    if (fresh.households.length > 0) await em.insertMany(fresh.households);
    if (fresh.persons.length > 0) await em.insertMany(fresh.persons);
    if (fresh.residences.length > 0) await em.insertMany(fresh.residences);
    if (fresh.tags.length > 0) await em.insertMany(fresh.tags);
    if (heads.size > 0) {
      for (const household of await em.find(Household, { id: { $in: [...heads.keys()] } })) household.headId = heads.get(household.id)!;
    }
    await em.flush();
    // After the flush, so the updated events carry the new versions.
    for (const household of fresh.households) {
      recordEvent<HouseholdCreatedData>(em, {
        type: PeopleEvents.HOUSEHOLD_CREATED,
        areaCode: household.gridCode,
        actor: actorId,
        data: { householdId: household.id, gridCode: household.gridCode, headId: household.headId },
      });
    }
    for (const person of fresh.persons) {
      recordEvent<PersonRegisteredData>(em, {
        type: PeopleEvents.PERSON_REGISTERED,
        areaCode: person.gridCode,
        actor: actorId,
        data: { personId: person.id, gridCode: person.gridCode, householdId: person.householdId, residenceStatus: person.residenceStatus, version: 1 },
      });
    }
    for (const { person, changed } of updated) {
      recordEvent<PersonUpdatedData>(em, {
        type: PeopleEvents.PERSON_UPDATED,
        areaCode: person.gridCode,
        actor: actorId,
        data: { personId: person.id, gridCode: person.gridCode, changed, version: person.version },
      });
    }
    await em.flush();
    return result;
  }

  /** Households of the batch by number, from earlier batches or the database. */
  private async loadHouseholds(em: EntityManager, batch: ImportCandidate[], state: RunState): Promise<void> {
    const numbers = [...new Set(batch.map((candidate) => candidate.householdNumber).filter((number): number is string => Boolean(number)))].filter(
      (number) => !state.households.has(number),
    );
    if (numbers.length === 0) return;
    for (const household of await em.find(Household, { number: { $in: numbers } })) {
      state.households.set(household.number!, { id: household.id, gridCode: household.gridCode });
    }
  }

  /** The row's household: known, or created now in the row's grid; refused when it lives in another grid. */
  private householdFor(
    em: EntityManager,
    candidate: ImportCandidate,
    state: RunState,
    actor: Actor,
    result: BatchResult,
    created: Household[],
  ): KnownHousehold | null | 'refused' {
    const number = candidate.householdNumber;
    if (!number) return null;
    const known = state.households.get(number);
    if (known) {
      if (known.gridCode === candidate.facts.gridCode) return known;
      const reason = actor === 'system' || isInScope(actor, known.gridCode) ? `household ${number} is registered in grid ${known.gridCode}` : `household ${number} is already registered`;
      result.errors.push({ row: candidate.row, column: state.header.headerOf.householdNumber, reason });
      return 'refused';
    }
    const household = em.create(Household, { number, address: candidate.facts.address ?? '', gridCode: candidate.facts.gridCode, version: 1 }, { persist: false });
    created.push(household);
    state.households.set(number, { id: household.id, gridCode: household.gridCode });
    result.householdsCreated += 1;
    return household;
  }
}
