/**
 * Which screens a user gets, from the realm roles `viewer.roles` reports. One table: a county's team
 * changes the console's shape here. The first screen of the first matching role is the home screen.
 */
export type ScreenId =
  | 'myGrid'
  | 'due'
  | 'record'
  | 'myCases'
  | 'board'
  | 'overdue'
  | 'map'
  | 'dashboard'
  | 'queue'
  | 'report'
  | 'orders'
  | 'points'
  | 'audit';

export const SCREENS_BY_ROLE: Readonly<Record<string, readonly ScreenId[]>> = {
  'grid-worker': ['myGrid', 'due', 'record', 'myCases'],
  'grid-leader': ['myGrid', 'due', 'record', 'myCases', 'board'],
  'village-admin': ['board', 'overdue', 'map'],
  'township-admin': ['board', 'overdue', 'map'],
  'county-admin': ['dashboard', 'board', 'overdue', 'map'],
  'department-staff': ['queue'],
  resident: ['report', 'myCases'],
  volunteer: ['orders', 'points', 'myCases'],
  auditor: ['audit', 'dashboard'],
};

/** Phone-first layout (bottom tabs, 360 px) for these roles' home screens. */
export const FIELD_ROLES: ReadonlySet<string> = new Set(['grid-worker', 'grid-leader', 'resident', 'volunteer']);

/** The screens of all of the user's roles, in table order, each once. */
export function screensFor(roles: readonly string[]): ScreenId[] {
  const screens: ScreenId[] = [];
  for (const [role, list] of Object.entries(SCREENS_BY_ROLE)) {
    if (!roles.includes(role)) continue;
    for (const screen of list) if (!screens.includes(screen)) screens.push(screen);
  }
  return screens;
}

export function isFieldUser(roles: readonly string[]): boolean {
  return roles.some((role) => FIELD_ROLES.has(role)) && !roles.some((role) => ['county-admin', 'township-admin', 'village-admin', 'auditor', 'department-staff'].includes(role));
}
