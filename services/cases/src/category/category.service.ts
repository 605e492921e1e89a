import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { badUserInput, conflict, notFound } from '@lianxin/graphql';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { CaseCategory } from './case-category.entity.js';
import type { CreateCaseCategoryInput, UpdateCaseCategoryInput } from './category.inputs.js';

/** The category catalogue: national codes shared by every county, extended by county admins. */
@Injectable()
export class CategoryService {
  constructor(private readonly em: EntityManager) {}

  list(includeInactive = false): Promise<CaseCategory[]> {
    return this.em.find(CaseCategory, includeInactive ? {} : { active: true }, { orderBy: { code: 'asc' } });
  }

  findByCodes(codes: readonly string[]): Promise<CaseCategory[]> {
    return this.em.find(CaseCategory, { code: { $in: [...codes] } });
  }

  /** A category new cases may use, or BAD_USER_INPUT on `field`. */
  async requireActive(em: EntityManager, code: string, field = 'categoryCode'): Promise<CaseCategory> {
    const category = await em.findOne(CaseCategory, { code });
    if (!category || !category.active) throw badUserInput(field, `${code} is not an active case category`);
    return category;
  }

  async create(input: CreateCaseCategoryInput): Promise<CaseCategory> {
    return conflictOnDuplicate(() => this.em.transactional(async (em) => {
      if (await em.findOne(CaseCategory, { code: input.code })) throw conflict(`case category ${input.code} already exists`);
      return em.create(CaseCategory, {
        code: input.code,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        departmentCodes: [...new Set(input.departmentCodes)],
      });
    }), `case category ${input.code} already exists`);
  }

  async update(input: UpdateCaseCategoryInput): Promise<CaseCategory> {
    return this.em.transactional(async (em) => {
      const category = await em.findOne(CaseCategory, { code: input.code });
      if (!category) throw notFound('CaseCategory', input.code);
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
