import { registerEnumType } from '@nestjs/graphql';

/** Party member types as the people subgraph names them (same enum in the graph); PARTY point rules differ by type. */
export enum PartyMemberType {
  HOUSEHOLD_LINKING = 'HOUSEHOLD_LINKING',
  WITHOUT_POST = 'WITHOUT_POST',
  MOBILE = 'MOBILE',
  IN_SERVICE = 'IN_SERVICE',
  PROBATIONARY = 'PROBATIONARY',
}

registerEnumType(PartyMemberType, {
  name: 'PartyMemberType',
  description: 'Kind of party member, as the grid work counts them. 党员类别',
  valuesMap: {
    HOUSEHOLD_LINKING: { description: 'Links a set of households. 联户党员' },
    WITHOUT_POST: { description: 'Member without a post. 无职党员' },
    MOBILE: { description: 'Mobile member living or working elsewhere. 流动党员' },
    IN_SERVICE: { description: 'In-service member of an agency or company, reported to the community (双报到). 在职党员' },
    PROBATIONARY: { description: 'Probationary member. 预备党员' },
  },
});
