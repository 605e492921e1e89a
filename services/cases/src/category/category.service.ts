import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, forbidden, notFound } from '@lianxin/graphql';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { CaseCategory } from './case-category.entity.js';
import type { CreateCaseCategoryInput, UpdateCaseCategoryInput } from './category.inputs.js';

/**
 * The category catalogue: national codes shared by every county (changed by platform admins only — an
 * admin account above county level), extended by each county's admins with categories of their own county
 * (issue 15: before, any county admin changed the catalogue of every county). A county's categories are
 * listed and used only in that county.
 */
@Injectable()
export class CategoryService {
  constructor(private readonly em: EntityManager) {}

  list(user: AuthUser, includeInactive = false): Promise<CaseCategory[]> {
    const own = user.areaCode.length >= 6 ? { countyCode: user.areaCode.slice(0, 6) } : { countyCode: { $like: `${user.areaCode}%` } };
    const where = { $and: [{ $or: [{ countyCode: null }, own] }, includeInactive ? {} : { active: true }] };
    return this.em.find(CaseCategory, where, { orderBy: { code: 'asc' } });
  }

  findByCodes(codes: readonly string[]): Promise<CaseCategory[]> {
    return this.em.find(CaseCategory, { code: { $in: [...codes] } });
  }

  /** A category new cases may use, or BAD_USER_INPUT on `field`. */
  async requireActive(em: EntityManager, code: string, field = 'categoryCode', gridCode?: string): Promise<CaseCategory> {
    const category = await em.findOne(CaseCategory, { code });
    const elsewhere = category?.countyCode && gridCode && !gridCode.startsWith(category.countyCode);
    if (!category || !category.active || elsewhere) throw badUserInput(field, `${code} is not an active case category${gridCode ? ` in county ${gridCode.slice(0, 6)}` : ''}`);
    return category;
  }

  /** National categories: platform admins; a county's: that county's admins (issue 15). */
  private assertMayChange(user: AuthUser, countyCode: string | null): void {
    if (countyCode === null) {
      if (user.areaCode.length > 2) throw forbidden('national case categories are changed by platform admins; add a category of your own county instead');
      return;
    }
    if (!isInScope(user, countyCode)) throw forbidden(`the category belongs to county ${countyCode}, not to your area ${user.areaCode}`);
  }

  async create(user: AuthUser, input: CreateCaseCategoryInput): Promise<CaseCategory> {
    // A county admin adds to their own county; an admin above county level to the national catalogue.
    const countyCode = user.areaCode.length >= 6 ? user.areaCode.slice(0, 6) : null;
    return conflictOnDuplicate(() => this.em.transactional(async (em) => {
      if (await em.findOne(CaseCategory, { code: input.code })) throw conflict(`case category ${input.code} already exists`);
      this.assertMayChange(user, countyCode);
      return em.create(CaseCategory, {
        countyCode,
        code: input.code,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        departmentCodes: [...new Set(input.departmentCodes)],
      });
    }), `case category ${input.code} already exists`);
  }

  async update(user: AuthUser, input: UpdateCaseCategoryInput): Promise<CaseCategory> {
    return this.em.transactional(async (em) => {
      const category = await em.findOne(CaseCategory, { code: input.code });
      if (!category) throw notFound('CaseCategory', input.code);
      this.assertMayChange(user, category.countyCode);
      if (input.expectedVersion !== undefined && input.expectedVersion !== category.version) {
        throw conflict(`case category ${input.code} is at version ${category.version}, not ${input.expectedVersion}`);
      }
      if (input.nameZh !== undefined) category.nameZh = input.nameZh.trim();
      if (input.nameEn !== undefined) category.nameEn = input.nameEn.trim();
      if (input.departmentCodes !== undefined) category.departmentCodes = [...new Set(input.departmentCodes)];
      if (input.active !== undefined) category.active = input.active;
      return category;
    });
  }
}
