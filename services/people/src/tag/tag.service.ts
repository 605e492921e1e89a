import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { conflict, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { PersonAccess } from '../access/person-access.service.js';
import { TagCategory } from './tag-category.js';
import { Tag } from './tag.entity.js';
import type { CreateTagInput, TagFilter } from './tag.inputs.js';

@Injectable()
export class TagService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: PersonAccess,
  ) {}

  /** The catalogue as the user may see it: sensitive tags only for roles that need them. */
  list(user: AuthUser, filter: TagFilter | undefined, page: PageArgs): Promise<Connection<Tag>> {
    const where = {
      ...(filter?.category ? { category: filter.category } : {}),
      ...(this.access.readsSensitiveTags(user) ? {} : { sensitive: false }),
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Tag, afterKey ? { ...where, code: { $gt: afterKey } } : where, { orderBy: { code: 'asc' }, limit }),
      (tag) => tag.code,
      () => this.em.count(Tag, where),
    );
  }

  /** Every tag, for one request's look-ups (the catalogue is small). */
  catalogue(): Promise<Tag[]> {
    return this.em.find(Tag, {}, { orderBy: { code: 'asc' } });
  }

  async create(input: CreateTagInput): Promise<Tag> {
    return this.em.transactional(async (em) => {
      if (await em.findOne(Tag, { code: input.code })) throw conflict(`tag ${input.code} already exists`);
      return em.create(Tag, {
        code: input.code,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        category: input.category,
        sensitive: input.category === TagCategory.SPECIAL || (input.sensitive ?? false),
      });
    });
  }
}
