import { registerEnumType } from '@nestjs/graphql';

export enum TagCategory {
  VULNERABLE = 'VULNERABLE',
  SPECIAL = 'SPECIAL',
  FLOATING = 'FLOATING',
  GENERAL = 'GENERAL',
}

registerEnumType(TagCategory, {
  name: 'TagCategory',
  description: 'Which ledger a focus tag belongs to. 标签类别（台账）',
  valuesMap: {
    VULNERABLE: { description: 'Vulnerable groups: elderly, left-behind children, disabled, low income … 弱势群体' },
    SPECIAL: { description: 'Special populations, sensitive: community correction, released prisoners … 特殊人群' },
    FLOATING: { description: 'Floating population: people coming or going for work. 流动人员' },
    GENERAL: { description: 'Other focus groups, e.g. veterans. 其他重点人群' },
  },
});
