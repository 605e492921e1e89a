import { TagCategory } from './tag-category.js';

export interface TagDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  category: TagCategory;
  sensitive: boolean;
}

/** The catalogue every deployment starts with (the first migration inserts it); admins add more with createTag. */
export const INITIAL_TAGS: TagDefinition[] = [
  { code: 'ELDERLY', nameZh: '老年人', nameEn: 'Elderly (60+)', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'EMPTY_NEST_ELDERLY', nameZh: '空巢老人', nameEn: 'Empty-nest elderly', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'LIVING_ALONE_ELDERLY', nameZh: '独居老人', nameEn: 'Elderly living alone', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'LEFT_BEHIND_CHILD', nameZh: '留守儿童', nameEn: 'Left-behind child', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'DISABLED', nameZh: '残疾人', nameEn: 'Person with a disability', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'LOW_INCOME', nameZh: '低保户', nameEn: 'Minimum living allowance (dibao)', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'HARDSHIP', nameZh: '困难群众', nameEn: 'In hardship', category: TagCategory.VULNERABLE, sensitive: false },
  { code: 'VETERAN', nameZh: '退役军人', nameEn: 'Veteran', category: TagCategory.GENERAL, sensitive: false },
  { code: 'MIGRANT_WORKER_AWAY', nameZh: '外出务工人员', nameEn: 'Working away from home', category: TagCategory.FLOATING, sensitive: false },
  { code: 'COMMUNITY_CORRECTION', nameZh: '社区矫正对象', nameEn: 'Under community correction', category: TagCategory.SPECIAL, sensitive: true },
  { code: 'RELEASED_PRISONER', nameZh: '刑满释放人员', nameEn: 'Released prisoner', category: TagCategory.SPECIAL, sensitive: true },
  { code: 'DRUG_REHAB', nameZh: '戒毒康复人员', nameEn: 'In drug rehabilitation', category: TagCategory.SPECIAL, sensitive: true },
  { code: 'SEVERE_MENTAL_ILLNESS', nameZh: '严重精神障碍患者', nameEn: 'Severe mental illness', category: TagCategory.SPECIAL, sensitive: true },
];
