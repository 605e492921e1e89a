import { PartyMemberType } from '../star-rating/star-rating-enums.js';

/**
 * Party members of the people service's demo population (services/people/src/demo/demo-population.ts)
 * rated here: every member in 禾兴社区 (330402001001) and 紫阳社区 (330402001002), and the three
 * probationary members of the county. The population is generated from a fixed seed, so these keys,
 * grids and types are what the people service seeds; the person id is personIdFor(key). Listed by
 * hand because a service does not import another: if the people demo changes, update this list.
 */
export const DEMO_PARTY_MEMBERS: ReadonlyArray<readonly [key: string, gridCode: string, type: PartyMemberType]> = [
  ['resident:2', '330402001001001', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:3', '330402001001001', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:46', '330402001001001', PartyMemberType.WITHOUT_POST],
  ['resident:48', '330402001001001', PartyMemberType.IN_SERVICE],
  ['resident:73', '330402001001001', PartyMemberType.WITHOUT_POST],
  ['resident:95', '330402001001001', PartyMemberType.MOBILE],
  ['resident:110', '330402001001002', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:111', '330402001001002', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:121', '330402001001002', PartyMemberType.IN_SERVICE],
  ['resident:203', '330402001001002', PartyMemberType.WITHOUT_POST],
  ['resident:218', '330402001001002', PartyMemberType.WITHOUT_POST],
  ['resident:224', '330402001001003', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:225', '330402001001003', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:268', '330402001001003', PartyMemberType.WITHOUT_POST],
  ['resident:274', '330402001001003', PartyMemberType.WITHOUT_POST],
  ['resident:309', '330402001001003', PartyMemberType.WITHOUT_POST],
  ['resident:327', '330402001002001', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:328', '330402001002001', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:329', '330402001002001', PartyMemberType.IN_SERVICE],
  ['resident:339', '330402001002001', PartyMemberType.WITHOUT_POST],
  ['resident:348', '330402001002001', PartyMemberType.WITHOUT_POST],
  ['resident:393', '330402001002001', PartyMemberType.MOBILE],
  ['resident:395', '330402001002001', PartyMemberType.WITHOUT_POST],
  ['resident:410', '330402001002001', PartyMemberType.IN_SERVICE],
  ['resident:425', '330402001002001', PartyMemberType.WITHOUT_POST],
  ['resident:431', '330402001002002', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:432', '330402001002002', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:443', '330402001002002', PartyMemberType.IN_SERVICE],
  ['resident:449', '330402001002002', PartyMemberType.WITHOUT_POST],
  ['resident:509', '330402001002002', PartyMemberType.PROBATIONARY],
  ['resident:535', '330402001002003', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:536', '330402001002003', PartyMemberType.HOUSEHOLD_LINKING],
  ['resident:546', '330402001002003', PartyMemberType.WITHOUT_POST],
  ['resident:552', '330402001002003', PartyMemberType.WITHOUT_POST],
  ['resident:556', '330402001002003', PartyMemberType.WITHOUT_POST],
  ['resident:597', '330402001002003', PartyMemberType.WITHOUT_POST],
  ['resident:1157', '330402002001003', PartyMemberType.PROBATIONARY],
  ['resident:2730', '330402003003002', PartyMemberType.PROBATIONARY],
  // Part-time grid workers (index 2 of each grid's staff) are members without a post.
  ['staff:330402001001001:2', '330402001001001', PartyMemberType.WITHOUT_POST],
  ['staff:330402001001002:2', '330402001001002', PartyMemberType.WITHOUT_POST],
  ['staff:330402001001003:2', '330402001001003', PartyMemberType.WITHOUT_POST],
  ['staff:330402001002001:2', '330402001002001', PartyMemberType.WITHOUT_POST],
  ['staff:330402001002002:2', '330402001002002', PartyMemberType.WITHOUT_POST],
  ['staff:330402001002003:2', '330402001002003', PartyMemberType.WITHOUT_POST],
];

/** Probationary members joined on 2025-07-01 (the people demo's date): rated from 2025 Q3. */
export const PROBATIONARY_SINCE = { year: 2025, quarter: 3 } as const;
