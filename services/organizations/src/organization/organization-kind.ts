import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationKind {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  PARTY_GENERAL_BRANCH = 'PARTY_GENERAL_BRANCH',
  PARTY_BRANCH = 'PARTY_BRANCH',
  PARTY_GROUP = 'PARTY_GROUP',
  GOVERNANCE_CENTRE = 'GOVERNANCE_CENTRE',
  CO_BUILDING_UNIT = 'CO_BUILDING_UNIT',
}

export const PARTY_KINDS = [
  OrganizationKind.PARTY_COMMITTEE,
  OrganizationKind.PARTY_GENERAL_BRANCH,
  OrganizationKind.PARTY_BRANCH,
  OrganizationKind.PARTY_GROUP,
];

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Kind of organization attached to an area. 组织类别',
  valuesMap: {
    PARTY_COMMITTEE: { description: 'Party committee. 党委' },
    PARTY_GENERAL_BRANCH: { description: 'General party branch. 党总支' },
    PARTY_BRANCH: { description: 'Party branch, e.g. a grid party branch. 党支部' },
    PARTY_GROUP: { description: 'Party group, e.g. a grid party group. 党小组' },
    GOVERNANCE_CENTRE: { description: 'Comprehensive governance centre. 综治中心' },
    CO_BUILDING_UNIT: { description: 'Co-building unit: an agency, company or school that adopts a community. 共建单位' },
  },
});
