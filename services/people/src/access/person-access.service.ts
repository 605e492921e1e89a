import { raw } from '@mikro-orm/core';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { forbidden, requestLoader } from '@lianxin/graphql';
import type { Person } from '../person/person.entity.js';
import {
  fieldsFor,
  LOOKUP_GRANT_DAYS,
  mayReveal,
  PersonScope,
  rolePoliciesOf,
  scopesReading,
  type PersonField,
  type PersonFieldPolicy,
  type PersonReach,
  type RolePolicy,
} from './person-field.policy.js';

/** The part of a person the reach depends on. */
type Reachable = Pick<Person, 'id' | 'gridCode' | 'userId'>;

const rowsByUser = new WeakMap<AuthUser, RolePolicy[]>();

/**
 * SQL that is true when the person (`column` holds their id) is on a case inside the caller's area dispatched
 * to the caller's department (codes repeat across counties: CIVIL_AFFAIRS of another county is another
 * department), or was looked up by the caller with a stated purpose in the last LOOKUP_GRANT_DAYS days.
 * The audit log is append-only, so a grant can be neither added nor hidden afterwards.
 */
export function needToKnowSql(column: string, user: AuthUser, now = new Date()): { sql: string; params: unknown[] } {
  return {
    sql:
      `(${column} in (select d.person_id from department_case_person d where d.department_code = ? and d.case_grid_code like ?)` +
      ` or ${column} in (select a.person_id from audit_log a where a.actor_user_id = ? and a.action = 'LOOKUP_BY_ID_NUMBER'` +
      ` and a.allowed and a.purpose is not null and a.person_id is not null and a.at >= ?))`,
    params: [user.departmentCode ?? '', prefixPattern(user.areaCode), user.sub, new Date(now.getTime() - LOOKUP_GRANT_DAYS * 86_400_000)],
  };
}

/**
 * Applies the field policy table (person-field.policy.ts) to requests: which persons a caller reaches
 * (as a condition in the SQL itself) and what they read of each one.
 */
@Injectable()
export class PersonAccess {
  constructor(private readonly em: EntityManager) {}

  rows(user: AuthUser): RolePolicy[] {
    let rows = rowsByUser.get(user);
    if (!rows) {
      rows = rolePoliciesOf(user);
      rowsByUser.set(user, rows);
    }
    return rows;
  }

  private usesNeedToKnow(user: AuthUser): boolean {
    return this.rows(user).some((row) => row.scope === PersonScope.DEPARTMENT_CASES);
  }

  /**
   * The persons whose `required` fields the caller reads, as a MikroORM condition; null when none.
   * Lists (`forList`) leave out the caller's own person when an area already covers the list: an
   * OR on user_id would cost the area's keyset scan its index order.
   */
  scopeWhere(user: AuthUser, required: readonly PersonField[] = ['name'], options: { forList?: boolean } = {}): FilterQuery<Person> | null {
    const scopes = scopesReading(this.rows(user), required);
    const inArea = { gridCode: { $like: prefixPattern(user.areaCode) } };
    const parts: FilterQuery<Person>[] = [];
    if (scopes.includes(PersonScope.AREA)) parts.push(inArea);
    if (scopes.includes(PersonScope.DEPARTMENT_CASES) && !scopes.includes(PersonScope.AREA)) {
      const { params } = needToKnowSql('id', user);
      parts.push({ $and: [inArea, { [raw((alias: string) => needToKnowSql(`${alias}.id`, user).sql, params)]: true }] } as FilterQuery<Person>);
    }
    if (scopes.includes(PersonScope.SELF) && !(options.forList && scopes.includes(PersonScope.AREA))) parts.push({ userId: user.sub });
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] : { $or: parts };
  }

  /** scopeWhere, or FORBIDDEN when the caller reads those fields of nobody. */
  scopeWhereOrForbidden(user: AuthUser, required: readonly PersonField[], what: string): FilterQuery<Person> {
    const where = this.scopeWhere(user, required, { forList: true });
    if (!where) throw forbidden(`your role may not ${what}`);
    return where;
  }

  /** Per request, batched: which of these persons the caller needs to know (department staff). */
  private needToKnowLoader(context: object, user: AuthUser) {
    return requestLoader<string, boolean>(context, 'need-to-know', async (ids) => {
      const { sql, params } = needToKnowSql('p.id', user);
      const rows = await this.em
        .getConnection()
        .execute<Array<{ id: string }>>(`select p.id from person p where p.id in (${ids.map(() => '?').join(', ')}) and ${sql}`, [...ids, ...params]);
      const known = new Set(rows.map((row) => row.id));
      return ids.map((id) => known.has(id));
    });
  }

  /** Where the person stands to the caller; the need-to-know query runs only for department staff (batched per request). */
  async reach(user: AuthUser, person: Reachable, context?: object): Promise<PersonReach> {
    const self = person.userId !== null && person.userId === user.sub;
    const inArea = isInScope(user, person.gridCode);
    let needToKnow = false;
    if (inArea && this.usesNeedToKnow(user)) {
      if (context) {
        needToKnow = (await this.needToKnowLoader(context, user).load(person.id)) ?? false;
      } else {
        const { sql, params } = needToKnowSql('p.id', user);
        needToKnow = (await this.em.execute<Array<{ id: string }>>(`select p.id from person p where p.id = ? and ${sql}`, [person.id, ...params])).length > 0;
      }
    }
    return { self, inArea, needToKnow };
  }

  /** What the caller reads of this person, field by field. */
  async fields(user: AuthUser, person: Reachable, context?: object): Promise<PersonFieldPolicy> {
    return fieldsFor(this.rows(user), await this.reach(user, person, context));
  }

  /** Reads anything of this person (at least the name). */
  async mayRead(user: AuthUser, person: Reachable, context?: object): Promise<boolean> {
    return (await this.fields(user, person, context)).name !== 'NONE';
  }

  /** May ask for the clear numbers of this person (audited). */
  async mayReveal(user: AuthUser, person: Reachable): Promise<boolean> {
    return mayReveal(this.rows(user), await this.reach(user, person));
  }

  /** May use sensitive tags (filters, statistics, tagging) anywhere: some row reads them. */
  readsSensitiveTags(user: AuthUser): boolean {
    return this.rows(user).some((row) => row.scope !== PersonScope.NONE && row.fields.sensitiveTags === 'FULL');
  }

  /** Some row lets the caller ask for clear numbers. */
  mayRevealAnyone(user: AuthUser): boolean {
    return this.rows(user).some((row) => row.reveal);
  }
}
