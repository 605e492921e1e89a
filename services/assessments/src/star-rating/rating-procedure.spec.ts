import { Role, type AuthUser } from '@lianxin/auth';
import { expectedNextStep, isDecided, mayReadRating, MEMBER_ROLE, roleForStep } from './rating-procedure.js';
import { RatingRoundStatus, RatingStep } from './star-rating-enums.js';

const user = (sub: string, roles: Role[], areaCode: string): AuthUser => ({ sub, username: sub, roles, areaCode });
const GRID = '330402001001001';
const round = { areaCode: GRID, memberUserId: 'member-1' };

describe('rating procedure 三评一定一公示', () => {
  it('goes strictly in order: self → branch committee → party committee → assembly → public notice', () => {
    expect(expectedNextStep(RatingRoundStatus.OPENED)).toBe(RatingStep.SELF_RATED);
    expect(expectedNextStep(RatingRoundStatus.SELF_RATED)).toBe(RatingStep.BRANCH_COMMITTEE_RATED);
    expect(expectedNextStep(RatingRoundStatus.BRANCH_COMMITTEE_RATED)).toBe(RatingStep.PARTY_COMMITTEE_REVIEWED);
    expect(expectedNextStep(RatingRoundStatus.PARTY_COMMITTEE_REVIEWED)).toBe(RatingStep.ASSEMBLY_DECIDED);
    expect(expectedNextStep(RatingRoundStatus.ASSEMBLY_DECIDED)).toBe(RatingStep.PUBLICLY_NOTIFIED);
    expect(expectedNextStep(RatingRoundStatus.PUBLICLY_NOTIFIED)).toBeNull();
  });

  it('counts a round for the year once the assembly decided it', () => {
    expect(isDecided(RatingRoundStatus.PARTY_COMMITTEE_REVIEWED)).toBe(false);
    expect(isDecided(RatingRoundStatus.ASSEMBLY_DECIDED)).toBe(true);
    expect(isDecided(RatingRoundStatus.PUBLICLY_NOTIFIED)).toBe(true);
  });

  it('lets the member self-rate, and nobody else while the member has an account', () => {
    expect(roleForStep(user('member-1', [Role.RESIDENT], GRID), RatingStep.SELF_RATED, round)).toBe(MEMBER_ROLE);
    expect(roleForStep(user('someone', [Role.GRID_LEADER], GRID), RatingStep.SELF_RATED, round)).toBeNull();
    expect(roleForStep(user('leader', [Role.GRID_LEADER], GRID), RatingStep.SELF_RATED, { areaCode: GRID, memberUserId: null })).toBe(Role.GRID_LEADER);
  });

  it('gives each committee step to its roles inside the member\'s area, and county admins everywhere', () => {
    const leader = user('leader', [Role.GRID_LEADER], GRID);
    const village = user('village', [Role.VILLAGE_ADMIN], '330402001001');
    const township = user('township', [Role.TOWNSHIP_ADMIN], '330402001');
    const county = user('county', [Role.COUNTY_ADMIN], '330402');
    const otherVillage = user('village2', [Role.VILLAGE_ADMIN], '330402001002');
    const auditor = user('auditor', [Role.AUDITOR], '330402');
    expect(roleForStep(leader, RatingStep.BRANCH_COMMITTEE_RATED, round)).toBe(Role.GRID_LEADER);
    expect(roleForStep(village, RatingStep.BRANCH_COMMITTEE_RATED, round)).toBe(Role.VILLAGE_ADMIN);
    expect(roleForStep(otherVillage, RatingStep.BRANCH_COMMITTEE_RATED, round)).toBeNull();
    expect(roleForStep(leader, RatingStep.PARTY_COMMITTEE_REVIEWED, round)).toBeNull();
    expect(roleForStep(township, RatingStep.PARTY_COMMITTEE_REVIEWED, round)).toBe(Role.TOWNSHIP_ADMIN);
    expect(roleForStep(village, RatingStep.ASSEMBLY_DECIDED, round)).toBe(Role.VILLAGE_ADMIN);
    expect(roleForStep(leader, RatingStep.ASSEMBLY_DECIDED, round)).toBeNull();
    expect(roleForStep(township, RatingStep.PUBLICLY_NOTIFIED, round)).toBe(Role.TOWNSHIP_ADMIN);
    for (const step of Object.values(RatingStep).filter((s) => s !== RatingStep.SELF_RATED)) {
      expect(roleForStep(county, step, round)).toBe(Role.COUNTY_ADMIN);
      expect(roleForStep(auditor, step, round)).toBeNull();
    }
  });

  it('never lets a member record a committee step on their own round', () => {
    const leaderWhoIsTheMember = user('member-1', [Role.GRID_LEADER], GRID);
    expect(roleForStep(leaderWhoIsTheMember, RatingStep.BRANCH_COMMITTEE_RATED, round)).toBeNull();
  });

  it('lets the member, the area\'s admins and leaders and auditors read a rating, nobody else', () => {
    expect(mayReadRating(user('member-1', [Role.RESIDENT], GRID), round)).toBe(true);
    expect(mayReadRating(user('other', [Role.RESIDENT], GRID), round)).toBe(false);
    expect(mayReadRating(user('volunteer', [Role.VOLUNTEER], '330402001001'), round)).toBe(false);
    expect(mayReadRating(user('worker', [Role.GRID_WORKER], GRID), round)).toBe(false);
    expect(mayReadRating(user('staff', [Role.DEPARTMENT_STAFF], '330402'), round)).toBe(false);
    expect(mayReadRating(user('auditor', [Role.AUDITOR], '330402'), round)).toBe(true);
    expect(mayReadRating(user('village2', [Role.VILLAGE_ADMIN], '330402001002'), round)).toBe(false);
    expect(mayReadRating(user('township', [Role.TOWNSHIP_ADMIN], '330402001'), round)).toBe(true);
  });
});
