import { raw } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import type { Cell, ExportColumn, ExportContext, ExportHandler } from '@lianxin/exports';
import { needToKnowSql, PersonAccess } from '../access/person-access.service.js';
import { fieldsFor, PersonScope, readableView, Visibility, type PersonFieldPolicy, type RolePolicy } from '../access/person-field.policy.js';
import { AuditAction, PersonalDataField } from '../audit/audit-enums.js';
import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { todayInChina } from '../common/calendar-date.js';
import { ResidenceStatus, Sex } from '../person/person-enums.js';
import { Person } from '../person/person.entity.js';
import { Tag } from '../tag/tag.entity.js';
import { LEDGERS, PersonLedger } from './ledger.js';

/** Persons read per statement (keyset by id): bounded memory whatever the area's size. */
export const LEDGER_BATCH = Number(process.env.EXPORT_BATCH_ROWS ?? 1_000);

export const LEDGER_COLUMNS: ExportColumn[] = [
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '出生年份', width: 8 },
  { header: '身份证号', width: 20 },
  { header: '手机号', width: 14 },
  { header: '住址', width: 30 },
  { header: '居住状态', width: 10 },
  { header: '所属网格', width: 17 },
  { header: '标签', width: 24 },
];

const SEX_ZH: Record<Sex, string> = { [Sex.MALE]: '男', [Sex.FEMALE]: '女' };
const STATUS_ZH: Record<ResidenceStatus, string> = {
  [ResidenceStatus.REGISTERED_RESIDENT]: '户籍人口',
  [ResidenceStatus.FLOATING]: '流动人口',
  [ResidenceStatus.AWAY]: '外出',
};

export interface LedgerFilter {
  ledger: PersonLedger;
  areaCode: string;
}

interface PersonRow {
  id: string;
  name: string;
  sex: Sex;
  birth_date: string | Date;
  id_number_masked: string;
  phone_masked: string | null;
  address: string | null;
  grid_code: string;
  residence_status: ResidenceStatus;
  user_id: string | null;
}

const day = (value: string | Date): string =>
  typeof value === 'string' ? value.slice(0, 10) : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

/**
 * The person ledgers as export rows. Which persons: the same condition the `persons` list uses for
 * the exporter (PersonAccess.scopeWhere with the fields the ledger needs, so a role that may not
 * read special-population tags cannot export the special ledger). What of each: the field policy
 * table through readableView, exactly what the `Person` fields answer that user (masked ID and phone,
 * birth year only for auditors …); tags only those the row's policy shows.
 */
@Injectable()
export class LedgerExportHandler implements ExportHandler {
  constructor(private readonly access: PersonAccess) {}

  /** The persons of the ledger the user may export, or FORBIDDEN (called when the export is requested, and again by the runner). */
  where(user: AuthUser, filter: LedgerFilter): FilterQuery<Person> {
    const ledger = LEDGERS[filter.ledger];
    const scope = this.access.scopeWhereOrForbidden(user, ledger.required, `export the ${ledger.title} ledger`);
    const today = todayInChina();
    const conditions: FilterQuery<Person>[] = [scope, { gridCode: { $like: prefixPattern(filter.areaCode) } }];
    if (ledger.tagCategory) {
      const tagged = (alias: string) =>
        `exists (select 1 from person_tag pt join tag t on t.code = pt.tag_code where pt.person_id = ${alias}.id and t.category = ? ` +
        `and pt.valid_from <= ? and (pt.valid_to is null or pt.valid_to >= ?))`;
      const sql = ledger.floating ? (alias: string) => `(${alias}.residence_status = 'FLOATING' or ${tagged(alias)})` : tagged;
      conditions.push({ [raw(sql, [ledger.tagCategory, today, today])]: true } as FilterQuery<Person>);
    }
    return { $and: conditions };
  }

  sheetName(context: ExportContext): string {
    return LEDGERS[(context.job.filter as unknown as LedgerFilter).ledger].title;
  }

  columns(): ExportColumn[] {
    return LEDGER_COLUMNS;
  }

  count(context: ExportContext): Promise<number> {
    return context.em.count(Person, this.where(context.requester, context.job.filter as unknown as LedgerFilter));
  }

  async *rows(context: ExportContext): AsyncIterable<Cell[][]> {
    const { em, requester: user } = context;
    const where = this.where(user, context.job.filter as unknown as LedgerFilter);
    const policies = this.access.rows(user);
    const departmentRows = policies.some((row) => row.scope === PersonScope.DEPARTMENT_CASES);
    const tags = new Map((await em.find(Tag, {})).map((tag) => [tag.code, tag]));
    const today = todayInChina();
    const fieldsCache = new Map<string, PersonFieldPolicy>();
    let after: string | null = null;
    for (;;) {
      const batch: PersonRow[] = await em
        .createQueryBuilder(Person, 'p')
        .select(['id', 'name', 'sex', 'birthDate', 'idNumberMasked', 'phoneMasked', 'address', 'gridCode', 'residenceStatus', 'userId'])
        .where((after ? { $and: [where, { id: { $gt: after } }] } : where) as never)
        .orderBy({ id: 'asc' })
        .limit(LEDGER_BATCH)
        .execute('all', false);
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      const ids = batch.map((row) => row.id);
      const [tagRows, known] = await Promise.all([
        em.execute<Array<{ person_id: string; tag_code: string }>>(
          `select person_id, tag_code from person_tag where person_id = any(?::uuid[]) and valid_from <= ? and (valid_to is null or valid_to >= ?) order by tag_code`,
          [`{${ids.join(',')}}`, today, today],
        ),
        departmentRows ? this.needToKnow(em, user, ids) : Promise.resolve(new Set<string>()),
      ]);
      const tagsOf = new Map<string, string[]>();
      for (const row of tagRows) {
        const list = tagsOf.get(row.person_id);
        if (list) {
          if (!list.includes(row.tag_code)) list.push(row.tag_code);
        } else tagsOf.set(row.person_id, [row.tag_code]);
      }
      yield batch.map((row) => {
        const reach = { self: row.user_id !== null && row.user_id === user.sub, inArea: isInScope(user, row.grid_code), needToKnow: known.has(row.id) };
        const key = `${reach.self}${reach.inArea}${reach.needToKnow}`;
        let fields = fieldsCache.get(key);
        if (!fields) fieldsCache.set(key, (fields = fieldsFor(policies as RolePolicy[], reach)));
        const view = readableView(fields, {
          name: row.name,
          sex: row.sex,
          birthDate: day(row.birth_date),
          idNumberMasked: row.id_number_masked,
          phoneMasked: row.phone_masked,
          address: row.address,
          residenceStatus: row.residence_status,
        });
        const shownTags = (tagsOf.get(row.id) ?? [])
          .map((code) => tags.get(code))
          .filter((tag) => tag && (tag.sensitive ? fields.sensitiveTags : fields.tags) === Visibility.FULL)
          .map((tag) => tag!.nameZh);
        return [
          view.name,
          view.sex ? SEX_ZH[view.sex] : null,
          view.birthDate,
          view.birthYear,
          view.idNumber,
          view.phone,
          view.address,
          view.residenceStatus ? STATUS_ZH[view.residenceStatus as ResidenceStatus] : null,
          row.grid_code,
          fields.tags === Visibility.NONE && fields.sensitiveTags === Visibility.NONE ? null : shownTags.join('、'),
        ];
      });
    }
  }

  /** §8.8: every export is on the audit log with its filter and row count (special-population ledgers as sensitive). */
  async completed(context: ExportContext, rows: number, tx: EntityManager): Promise<void> {
    const filter = context.job.filter as unknown as LedgerFilter;
    const user = context.requester;
    tx.create(AuditLogEntry, {
      actorUserId: user.sub,
      actorUsername: user.username,
      actorRoles: [...user.roles],
      action: AuditAction.EXPORT,
      field: filter.ledger === PersonLedger.SPECIAL ? PersonalDataField.SENSITIVE_TAGS : PersonalDataField.LEDGER,
      personId: null,
      areaCode: filter.areaCode,
      allowed: true,
      filter: JSON.stringify({ ledger: filter.ledger, areaCode: filter.areaCode, format: context.job.format, exportJobId: context.job.id }),
      rowCount: rows,
    });
    await tx.flush();
  }

  private async needToKnow(em: EntityManager, user: AuthUser, ids: string[]): Promise<Set<string>> {
    const { sql, params } = needToKnowSql('p.id', user);
    const rows = await em.execute<Array<{ id: string }>>(`select p.id from person p where p.id = any(?::uuid[]) and ${sql}`, [`{${ids.join(',')}}`, ...params]);
    return new Set(rows.map((row) => row.id));
  }
}
