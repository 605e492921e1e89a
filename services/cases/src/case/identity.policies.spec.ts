import type { AuthUser } from '@lianxin/auth';
import { MediationLevel } from '../dispute/dispute.entity.js';
import { isDisputeHandler, mayReadMediation, type MediationAccessFacts } from '../dispute/dispute.policy.js';
import { isOwnViewer } from '../viewer/viewer.policy.js';
import { ANONYMOUS_ACTOR, hidesActor, maySeeHiddenActor, publishedActor } from './anonymity.policy.js';
import { CaseAction } from './case-enums.js';
import { decideReporter } from './reporter.policy.js';

const user = (username: string, roles: string[], areaCode: string, departmentCode?: string): AuthUser =>
  ({ sub: `sub-${username}`, username, roles, areaCode, departmentCode }) as AuthUser;

const GRID = '330402001001001';
const countyAdmin = user('county.admin', ['county-admin'], '330402');
const auditor = user('county.auditor', ['auditor'], '330402');
const townshipAdmin = user('jianshe.admin', ['township-admin'], '330402001');
const villageAdmin = user('village.admin', ['village-admin'], '330402001001');
const gridWorker = user('grid.worker', ['grid-worker'], GRID);
const otherGridWorker = user('grid.worker2', ['grid-worker'], '330402001002001');
const civilStaff = user('civil.staff', ['department-staff'], '330402', 'CIVIL_AFFAIRS');
const resident = user('resident.demo', ['resident'], GRID);

const codeOf = (decision: ReturnType<typeof decideReporter>) => ('refused' in decision ? decision.refused.extensions : null);

describe('§8.7 who a new case names as reporter', () => {
  const own = 'c0ffee00-0000-4000-8000-000000000001';
  const neighbour = 'c0ffee00-0000-4000-8000-000000000002';

  it('§8.7 a resident is always the person linked to their account', () => {
    expect(decideReporter(resident, { asResident: true, namedPersonId: null, ownPersonId: own, namedPersonGrid: null })).toEqual({ reporterPersonId: own });
    expect(decideReporter(resident, { asResident: true, namedPersonId: own, ownPersonId: own, namedPersonGrid: null })).toEqual({ reporterPersonId: own });
  });

  it('§8.7 a resident naming someone else is FORBIDDEN, linked or not', () => {
    expect(codeOf(decideReporter(resident, { asResident: true, namedPersonId: neighbour, ownPersonId: own, namedPersonGrid: GRID }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(decideReporter(resident, { asResident: true, namedPersonId: neighbour, ownPersonId: null, namedPersonGrid: GRID }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('§8.7 a resident with no linked person still reports, with no reporter', () => {
    expect(decideReporter(resident, { asResident: true, namedPersonId: null, ownPersonId: null, namedPersonGrid: null })).toEqual({ reporterPersonId: null });
  });

  it('§8.7 staff name a person only inside their own area; unknown and outside get the same answer', () => {
    expect(decideReporter(gridWorker, { asResident: false, namedPersonId: neighbour, ownPersonId: null, namedPersonGrid: GRID })).toEqual({ reporterPersonId: neighbour });
    expect(decideReporter(townshipAdmin, { asResident: false, namedPersonId: neighbour, ownPersonId: null, namedPersonGrid: GRID })).toEqual({ reporterPersonId: neighbour });
    expect(decideReporter(gridWorker, { asResident: false, namedPersonId: null, ownPersonId: null, namedPersonGrid: null })).toEqual({ reporterPersonId: null });
    const outside = codeOf(decideReporter(otherGridWorker, { asResident: false, namedPersonId: neighbour, ownPersonId: null, namedPersonGrid: GRID }));
    const unknown = codeOf(decideReporter(otherGridWorker, { asResident: false, namedPersonId: neighbour, ownPersonId: null, namedPersonGrid: null }));
    expect(outside).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterPersonId' });
    expect(unknown).toEqual(outside);
  });
});

describe('issue 13: an anonymous reporter is hidden', () => {
  const anonymousCase = { anonymous: true, reporterUserId: resident.sub, coReporterUserIds: ['sub-merged'] };

  it('hides the report step and the reporting accounts\' own steps of an anonymous case, nothing of a named one', () => {
    expect(hidesActor(anonymousCase, CaseAction.REPORT, gridWorker.sub)).toBe(true);
    expect(hidesActor(anonymousCase, CaseAction.RATE, resident.sub)).toBe(true);
    expect(hidesActor(anonymousCase, CaseAction.RATE, 'sub-merged')).toBe(true);
    expect(hidesActor(anonymousCase, CaseAction.VERIFY, gridWorker.sub)).toBe(false);
    expect(hidesActor({ ...anonymousCase, anonymous: false }, CaseAction.REPORT, resident.sub)).toBe(false);
  });

  it('shows a hidden actor to auditors and to the account itself only', () => {
    expect(maySeeHiddenActor(auditor, resident.sub)).toBe(true);
    expect(maySeeHiddenActor(resident, resident.sub)).toBe(true);
    for (const other of [countyAdmin, townshipAdmin, villageAdmin, gridWorker, civilStaff]) expect(maySeeHiddenActor(other, resident.sub)).toBe(false);
  });

  it('puts a pseudonym, never an account, into the events of hidden steps', () => {
    expect(publishedActor(anonymousCase, CaseAction.REPORT, resident.sub)).toBe(ANONYMOUS_ACTOR);
    expect(publishedActor(anonymousCase, CaseAction.VERIFY, gridWorker.sub)).toBe(gridWorker.sub);
  });
});

describe('issue 13: mediation parties and notes, need to know', () => {
  const grid: MediationAccessFacts = { gridCode: GRID, level: MediationLevel.GRID, openedByUserId: 'sub-opener', recorderUserIds: ['sub-recorder'], caseAssigneeUserId: 'sub-assignee' };

  it('names the handlers: who opened it, recorded a session, holds the case, or holds the mediation level', () => {
    for (const sub of ['sub-opener', 'sub-recorder', 'sub-assignee']) expect(isDisputeHandler(user(sub.slice(4), ['township-admin'], '330402002'), grid)).toBe(true);
    expect(isDisputeHandler(gridWorker, grid)).toBe(true);
    expect(isDisputeHandler(otherGridWorker, grid)).toBe(false);
    expect(isDisputeHandler(villageAdmin, grid)).toBe(false);
    expect(isDisputeHandler(villageAdmin, { ...grid, level: MediationLevel.VILLAGE })).toBe(true);
    expect(isDisputeHandler(villageAdmin, { ...grid, level: MediationLevel.EXPERT })).toBe(true);
    expect(isDisputeHandler(gridWorker, { ...grid, level: MediationLevel.VILLAGE })).toBe(false);
  });

  it('lets handlers and auditors of the area read them; admins above, department staff and residents not', () => {
    expect(mayReadMediation(auditor, grid)).toBe(true);
    expect(mayReadMediation(user('other.auditor', ['auditor'], '330403'), grid)).toBe(false);
    for (const other of [countyAdmin, townshipAdmin, civilStaff, resident]) expect(mayReadMediation(other, grid)).toBe(false);
  });
});

describe('issue 13: a Viewer is the caller', () => {
  it('accepts only the caller\'s own subject as Viewer id', () => {
    expect(isOwnViewer(resident, resident.sub)).toBe(true);
    expect(isOwnViewer(resident, gridWorker.sub)).toBe(false);
  });
});
