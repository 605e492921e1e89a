import { registerEnumType } from '@nestjs/graphql';

export enum GridStaffRole {
  LEADER = 'LEADER',
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
  LIAISON = 'LIAISON',
  VOLUNTEER = 'VOLUNTEER',
  DATA_CLERK = 'DATA_CLERK',
}

/** Roles that may belong to a micro-grid; a liaison must. */
export const MICRO_GRID_ROLES: readonly GridStaffRole[] = [GridStaffRole.LIAISON, GridStaffRole.VOLUNTEER];

/** Roles that link households (包联) and whose load is measured against the coverage bounds. */
export const COVERAGE_ROLES: readonly GridStaffRole[] = [
  GridStaffRole.LEADER,
  GridStaffRole.FULL_TIME,
  GridStaffRole.PART_TIME,
  GridStaffRole.LIAISON,
];

registerEnumType(GridStaffRole, {
  name: 'GridStaffRole',
  description: 'Role of a person on a grid team ("1+1+3+N"). 网格力量角色',
  valuesMap: {
    LEADER: { description: 'Grid leader, usually a village committee member. 网格长' },
    FULL_TIME: { description: 'Full-time grid worker. 专职网格员' },
    PART_TIME: { description: 'Part-time grid worker, e.g. a party member or delivery rider. 兼职网格员' },
    LIAISON: { description: 'Liaison of a micro-grid. 微网格联络员' },
    VOLUNTEER: { description: 'Helper or volunteer (the "N"). 网格志愿者' },
    DATA_CLERK: { description: 'Data clerk. 数据员' },
  },
});
