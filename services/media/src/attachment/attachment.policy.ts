import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { OwnerType } from '../owner/owner-type.js';

/**
 * Who may attach files to an owner, see them (get a download link) and see where a photo was taken.
 * Pure: the SQL form of the read rule is `readableOwnersSql` in attachment.service.ts, which follows it.
 *
 * The owner's facts come from its own service's events (media_owner). The read rule follows the owners'
 * own rules as far as those facts go: area staff and auditors read what lies in their area; department
 * staff what is dispatched to their department (cases) or what they created there; residents and
 * volunteers what they created themselves (their own case report). Whoever attached a file sees it.
 */
export interface OwnerFacts {
  ownerType: OwnerType;
  areaCode: string;
  departmentCode: string | null;
  createdBy: string | null;
}

/** The attacher as they were when they attached (a pending attach is judged later with these). */
export type Actor = Pick<AuthUser, 'sub' | 'roles' | 'areaCode' | 'departmentCode'>;

const has = (user: Actor, role: Role) => user.roles.includes(role);

/** Roles that read every owner's media in their area. */
export const AREA_READER_ROLES: readonly Role[] = [
  Role.COUNTY_ADMIN,
  Role.TOWNSHIP_ADMIN,
  Role.VILLAGE_ADMIN,
  Role.GRID_LEADER,
  Role.GRID_WORKER,
  Role.AUDITOR,
];

/** Roles that attach to any owner in their area (auditors only read). */
export const AREA_ATTACHER_ROLES: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER];

/** Roles that may read a photo's EXIF location (staff who go to the place, and auditors); residents and volunteers never. */
export const LOCATION_READER_ROLES: readonly Role[] = [...AREA_READER_ROLES, Role.DEPARTMENT_STAFF];

function isOwnDepartmentOwner(user: Actor, owner: OwnerFacts): boolean {
  return (
    has(user, Role.DEPARTMENT_STAFF) &&
    !!user.departmentCode &&
    owner.ownerType === OwnerType.CASE &&
    owner.departmentCode === user.departmentCode &&
    isInScope(user as AuthUser, owner.areaCode)
  );
}

function isCreator(user: Actor, owner: OwnerFacts): boolean {
  return !!owner.createdBy && owner.createdBy === user.sub;
}

/** May the user see the owner's attachments (and get download links for them)? */
export function mayReadOwnerMedia(user: Actor, owner: OwnerFacts): boolean {
  if (!/^\d+$/.test(user.areaCode)) return false;
  if (AREA_READER_ROLES.some((role) => has(user, role)) && isInScope(user as AuthUser, owner.areaCode)) return true;
  if (isOwnDepartmentOwner(user, owner)) return true;
  // department staff, residents, volunteers: what they created themselves (a resident's own report)
  return isCreator(user, owner);
}

/** May the user attach files to the owner? Read access is not enough for auditors (they only read). */
export function mayAttach(user: Actor, owner: OwnerFacts): boolean {
  if (!/^\d+$/.test(user.areaCode)) return false;
  if (AREA_ATTACHER_ROLES.some((role) => has(user, role)) && isInScope(user as AuthUser, owner.areaCode)) return true;
  if (isOwnDepartmentOwner(user, owner)) return true;
  return isCreator(user, owner) && !has(user, Role.AUDITOR);
}

/** May the user read where the photo was taken? Only staff roles that may read the owner's media. */
export function mayReadLocation(user: Actor, owner: OwnerFacts | null, attachedBy: string): boolean {
  if (!LOCATION_READER_ROLES.some((role) => has(user, role))) return false;
  return owner ? mayReadOwnerMedia(user, owner) : attachedBy === user.sub;
}

/** Roles that may call attachMedia at all (the owner decides the rest). */
export const ATTACH_ROLES: readonly Role[] = [
  Role.COUNTY_ADMIN,
  Role.TOWNSHIP_ADMIN,
  Role.VILLAGE_ADMIN,
  Role.GRID_LEADER,
  Role.GRID_WORKER,
  Role.DEPARTMENT_STAFF,
  Role.VOLUNTEER,
  Role.RESIDENT,
];

/**
 * The read rule as SQL on media_owner `o` (mayReadOwnerMedia, same order): the caller's scope is in the
 * query itself (`area_code LIKE 'prefix%'`). Returns `false` when nothing is readable.
 */
export function readableOwnerSql(user: Actor): { sql: string; params: unknown[] } {
  if (!/^\d+$/.test(user.areaCode)) return { sql: 'false', params: [] };
  const prefix = `${user.areaCode}%`;
  const alternatives: string[] = [];
  const params: unknown[] = [];
  if (AREA_READER_ROLES.some((role) => has(user, role))) {
    alternatives.push('o.area_code like ?');
    params.push(prefix);
  }
  if (has(user, Role.DEPARTMENT_STAFF) && user.departmentCode) {
    alternatives.push(`(o.owner_type = 'CASE' and o.department_code = ? and o.area_code like ?)`);
    params.push(user.departmentCode, prefix);
  }
  alternatives.push('o.created_by = ?');
  params.push(user.sub);
  return { sql: `(${alternatives.join(' or ')})`, params };
}
