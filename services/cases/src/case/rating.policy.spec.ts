import type { AuthUser } from '@lianxin/auth';
import { HandlingLevel, Rating, RatingMethod } from './case-enums.js';
import { decideResidentRating, decideReturnVisit, decideUnsatisfiedClose, handlersOf, type RatingFacts } from './rating.policy.js';

const user = (username: string, roles: string[], areaCode: string, departmentCode?: string): AuthUser =>
  ({ sub: `sub-${username}`, username, roles, areaCode, departmentCode }) as AuthUser;

const GRID = '330402001001001';
const PERSON = 'c0ffee00-0000-4000-8000-000000000001';
const resident = user('resident.demo', ['resident'], GRID);
const neighbour = user('neighbour', ['resident'], GRID);
const gridWorker = user('grid.worker', ['grid-worker'], GRID);
const gridLeader = user('grid.leader', ['grid-leader'], GRID);
const otherGridLeader = user('grid.leader2', ['grid-leader'], '330402001002001');
const villageAdmin = user('village.admin', ['village-admin'], '330402001001');
const townshipAdmin = user('jianshe.admin', ['township-admin'], '330402001');
const otherTownshipAdmin = user('xinjia.admin', ['township-admin'], '330402002');
const civilStaff = user('civil.staff', ['department-staff'], '330402', 'CIVIL_AFFAIRS');

const facts = (overrides: Partial<RatingFacts> = {}): RatingFacts => ({
  gridCode: GRID,
  level: HandlingLevel.GRID,
  assigneeDepartmentCode: null,
  reporterUserId: null,
  coReporterUserIds: [],
  reporterPersonId: PERSON,
  coReporterPersonIds: [],
  assigneeUserId: null,
  resolvedByUserId: gridWorker.sub,
  ...overrides,
});
const handlers = (...users: AuthUser[]) => handlersOf(facts(), users.map((u) => u.sub));
const refusal = (decision: { refused: { extensions: Record<string, unknown> } } | object | null) =>
  decision && 'refused' in decision ? decision.refused.extensions.code : null;

describe('§8.2 who rates', () => {
  it('§8.2 the reporting resident rates: by their account or as the person linked to it; method RESIDENT, not proxy', () => {
    expect(decideResidentRating(resident, facts({ reporterUserId: resident.sub }), null, handlers(gridWorker), { rating: Rating.SATISFIED })).toEqual({
      method: RatingMethod.RESIDENT,
      proxy: false,
    });
    expect(decideResidentRating(resident, facts(), PERSON, handlers(gridWorker), { rating: Rating.SATISFIED })).toEqual({ method: RatingMethod.RESIDENT, proxy: false });
  });

  it('§8.2 another resident, or any staff member, may not rate as the resident', () => {
    expect(refusal(decideResidentRating(neighbour, facts({ reporterUserId: resident.sub }), 'someone-else', handlers(), { rating: Rating.SATISFIED }))).toBe('FORBIDDEN');
    for (const staff of [gridWorker, gridLeader, villageAdmin, civilStaff]) {
      expect(refusal(decideResidentRating(staff, facts(), null, handlers(), { rating: Rating.SATISFIED }))).toBe('FORBIDDEN');
    }
  });

  it('§8.2 nobody rates a case they handled: a resident who handled it, a handler at a return visit', () => {
    const residentHandler = user('resident.worker', ['resident', 'grid-worker'], GRID);
    expect(refusal(decideResidentRating(residentHandler, facts({ reporterUserId: residentHandler.sub }), null, handlers(residentHandler), { rating: Rating.SATISFIED }))).toBe('FORBIDDEN');
    expect(refusal(decideReturnVisit(gridWorker, facts(), handlers(gridWorker), RatingMethod.PHONE))).toBe('FORBIDDEN');
    // The current holder and the resolver are handlers even without a history entry.
    expect(handlersOf(facts({ assigneeUserId: 'holder' }), [])).toEqual(new Set(['holder', gridWorker.sub]));
  });

  it('§8.2 a return visit by staff of the area who did not handle the case is a proxy rating with its method', () => {
    expect(decideReturnVisit(gridLeader, facts(), handlers(gridWorker), RatingMethod.PHONE)).toEqual({ method: RatingMethod.PHONE, proxy: true });
    expect(decideReturnVisit(townshipAdmin, facts(), handlers(gridWorker), RatingMethod.VISIT)).toEqual({ method: RatingMethod.VISIT, proxy: true });
    expect(refusal(decideReturnVisit(gridLeader, facts(), handlers(), RatingMethod.RESIDENT))).toBe('BAD_USER_INPUT');
    expect(refusal(decideReturnVisit(otherGridLeader, facts(), handlers(), RatingMethod.PHONE))).toBe('FORBIDDEN');
    expect(refusal(decideReturnVisit(otherTownshipAdmin, facts(), handlers(), RatingMethod.PHONE))).toBe('FORBIDDEN');
  });

  it('§8.2 an UNSATISFIED rating always reopens: the resident cannot choose to close it', () => {
    expect(refusal(decideResidentRating(resident, facts({ reporterUserId: resident.sub }), null, handlers(), { rating: Rating.UNSATISFIED, reopen: false }))).toBe('BAD_USER_INPUT');
    expect(decideResidentRating(resident, facts({ reporterUserId: resident.sub }), null, handlers(), { rating: Rating.UNSATISFIED, reopen: true })).toEqual({
      method: RatingMethod.RESIDENT,
      proxy: false,
    });
  });

  it('§8.2 only a village-level or higher reviewer who did not handle it closes an unsatisfied case, with a written reason', () => {
    const reason = '诉求超出政策范围，已书面解释';
    expect(decideUnsatisfiedClose(villageAdmin, facts(), handlers(gridWorker), reason)).toBeNull();
    expect(decideUnsatisfiedClose(townshipAdmin, facts(), handlers(gridWorker), reason)).toBeNull();
    expect(refusal(decideUnsatisfiedClose(gridLeader, facts(), handlers(gridWorker), reason))).toBe('FORBIDDEN');
    expect(refusal(decideUnsatisfiedClose(villageAdmin, facts(), handlers(villageAdmin), reason))).toBe('FORBIDDEN');
    expect(refusal(decideUnsatisfiedClose(otherTownshipAdmin, facts(), handlers(), reason))).toBe('FORBIDDEN');
    expect(refusal(decideUnsatisfiedClose(villageAdmin, facts(), handlers(), '  ok  '))).toBe('BAD_USER_INPUT');
  });
});
