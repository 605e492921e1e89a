import { registerEnumType } from '@nestjs/graphql';
import type { PersonField } from '../access/person-field.policy.js';
import { TagCategory } from '../tag/tag-category.js';

/** The person ledgers of the five (五本台账); the fifth, key places (重点场所), is exported by grids. */
export enum PersonLedger {
  POPULATION = 'POPULATION',
  VULNERABLE = 'VULNERABLE',
  SPECIAL = 'SPECIAL',
  FLOATING = 'FLOATING',
}

registerEnumType(PersonLedger, {
  name: 'PersonLedger',
  description: 'A person ledger to export. 人员台账',
  valuesMap: {
    POPULATION: { description: 'Everyone in the area. 实有人口' },
    VULNERABLE: { description: 'Persons with a vulnerable-group tag now. 弱势群体' },
    SPECIAL: { description: 'Persons with a special-population tag now (sensitive; audited). 特殊人群' },
    FLOATING: { description: 'Floating population: residence status FLOATING or a floating tag now. 流动人员' },
  },
});

export interface LedgerDefinition {
  /** Sheet and file name. */
  title: string;
  /** The fields the exporter must read of every person listed (a ledger of a tag says the person carries it). */
  required: PersonField[];
  /** Only persons carrying a tag of this category today. */
  tagCategory?: TagCategory;
  /** Or living here as FLOATING. */
  floating?: boolean;
}

export const LEDGERS: Record<PersonLedger, LedgerDefinition> = {
  [PersonLedger.POPULATION]: { title: '实有人口', required: ['name'] },
  [PersonLedger.VULNERABLE]: { title: '弱势群体', required: ['name', 'tags'], tagCategory: TagCategory.VULNERABLE },
  [PersonLedger.SPECIAL]: { title: '特殊人群', required: ['name', 'sensitiveTags'], tagCategory: TagCategory.SPECIAL },
  [PersonLedger.FLOATING]: { title: '流动人员', required: ['name', 'residenceStatus', 'tags'], tagCategory: TagCategory.FLOATING, floating: true },
};
