import type { Role } from './roles.js';

/** Who is calling, as the verified access token says. */
export interface AuthUser {
  sub: string;
  username: string;
  roles: Role[];
  /** The root of the user's scope: they see this area and everything below it. */
  areaCode: string;
  departmentCode?: string;
}

export function hasAnyRole(user: AuthUser, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
