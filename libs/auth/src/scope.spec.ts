import type { AuthUser } from './auth-user.js';
import { assertInScope, isInScope, isOnPathToScope, scopeFilter } from './scope.js';

const townshipAdmin: AuthUser = { sub: 'u1', username: 'jianshe.admin', roles: ['township-admin'], areaCode: '330402001' };

describe('area scope', () => {
  it('lets a user into their subtree only', () => {
    expect(isInScope(townshipAdmin, '330402001')).toBe(true);
    expect(isInScope(townshipAdmin, '330402001003')).toBe(true);
    expect(isInScope(townshipAdmin, '330402002')).toBe(false);
    expect(isInScope(townshipAdmin, '330402')).toBe(false);
  });

  it('knows the areas above the user', () => {
    expect(isOnPathToScope(townshipAdmin, '330402')).toBe(true);
    expect(isOnPathToScope(townshipAdmin, '330402002')).toBe(false);
  });

  it('refuses areas outside with FORBIDDEN', () => {
    expect(() => assertInScope(townshipAdmin, '330402002001')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('turns the scope into a prefix filter', () => {
    expect(scopeFilter(townshipAdmin)).toEqual({ areaCode: { $like: '330402001%' } });
    expect(scopeFilter(townshipAdmin, 'code')).toEqual({ code: { $like: '330402001%' } });
  });
});
