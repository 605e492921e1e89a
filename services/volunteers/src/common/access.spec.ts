import type { AuthUser } from '@lianxin/auth';
import { browsePrefix, mayBrowse, mayManage, mayReadAsStaff, mayReadLeaderboard, villageOf, volunteerPrefix } from './access.js';

const user = (roles: string[], areaCode: string): AuthUser => ({ sub: 'u', username: 'u', roles: roles as AuthUser['roles'], areaCode });
const VILLAGE = '330402001001';

describe('volunteers access rules', () => {
  it('lets staff browse their subtree and members their village', () => {
    expect(browsePrefix(user(['township-admin'], '330402001'))).toBe('330402001');
    expect(browsePrefix(user(['grid-worker'], '330402001001001'))).toBe('330402001001001');
    expect(browsePrefix(user(['auditor'], '330402'))).toBe('330402');
    expect(browsePrefix(user(['volunteer'], '330402001001001'))).toBe(VILLAGE);
    expect(browsePrefix(user(['resident'], '330402001001001'))).toBe(VILLAGE);
    expect(browsePrefix(user(['department-staff'], '330402'))).toBeNull();
    expect(mayBrowse(user(['volunteer'], VILLAGE), '330402001001002')).toBe(true);
    expect(mayBrowse(user(['volunteer'], VILLAGE), '330402001002001')).toBe(false);
  });

  it('keeps management to area admins inside their scope', () => {
    expect(mayManage(user(['village-admin'], VILLAGE), '330402001001001')).toBe(true);
    expect(mayManage(user(['village-admin'], VILLAGE), '330402001002')).toBe(false);
    expect(mayManage(user(['county-admin'], '330402'), VILLAGE)).toBe(true);
    expect(mayManage(user(['grid-leader'], '330402001001001'), '330402001001001')).toBe(false);
    expect(mayManage(user(['auditor'], '330402'), VILLAGE)).toBe(false);
  });

  it('lets staff and auditors read records in scope only', () => {
    expect(mayReadAsStaff(user(['auditor'], '330402'), VILLAGE)).toBe(true);
    expect(mayReadAsStaff(user(['grid-worker'], '330402001001001'), '330402001001002')).toBe(false);
    expect(mayReadAsStaff(user(['volunteer'], VILLAGE), VILLAGE)).toBe(false);
  });

  it('publishes a village leaderboard to its own people and to those above it', () => {
    expect(mayReadLeaderboard(user(['county-admin'], '330402'), VILLAGE)).toBe(true);
    expect(mayReadLeaderboard(user(['auditor'], '330402'), VILLAGE)).toBe(true);
    expect(mayReadLeaderboard(user(['village-admin'], '330402001002'), VILLAGE)).toBe(false);
    expect(mayReadLeaderboard(user(['grid-leader'], '330402001001001'), VILLAGE)).toBe(true);
    expect(mayReadLeaderboard(user(['grid-worker'], '330402001002001'), VILLAGE)).toBe(false);
    expect(mayReadLeaderboard(user(['volunteer'], VILLAGE), VILLAGE)).toBe(true);
    expect(mayReadLeaderboard(user(['resident'], '330402001001001'), VILLAGE)).toBe(true);
    expect(mayReadLeaderboard(user(['resident'], '330402002001001'), VILLAGE)).toBe(false);
    expect(mayReadLeaderboard(user(['department-staff'], '330402'), VILLAGE)).toBe(false);
  });

  it('shows grid staff the volunteers of their village, members none but themselves', () => {
    expect(volunteerPrefix(user(['grid-worker'], '330402001001001'))).toBe(VILLAGE);
    expect(volunteerPrefix(user(['township-admin'], '330402001'))).toBe('330402001');
    expect(volunteerPrefix(user(['auditor'], '330402'))).toBe('330402');
    expect(volunteerPrefix(user(['volunteer'], VILLAGE))).toBeNull();
    expect(volunteerPrefix(user(['resident'], '330402001001001'))).toBeNull();
  });

  it('finds the village of a grid or micro-grid code', () => {
    expect(villageOf('330402001001001001')).toBe(VILLAGE);
    expect(villageOf(VILLAGE)).toBe(VILLAGE);
  });
});
