import { Injectable } from '@nestjs/common';
import { authenticatedUser } from '@lianxin/auth';
import { byKeys, requestLoader } from '@lianxin/graphql';
import { CoverageService } from './coverage/coverage.service.js';
import { HazardService } from './field-work/hazard.service.js';
import type { Hazard } from './field-work/hazard.entity.js';
import type { KeyPlace } from './field-work/key-place.entity.js';
import { KeyPlaceService } from './field-work/key-place.service.js';
import type { GraphQLContext } from './graphql-context.js';
import type { Grid } from './grid/grid.entity.js';
import { GridService } from './grid/grid.service.js';
import type { MicroGrid } from './micro-grid/micro-grid.entity.js';
import { MicroGridService } from './micro-grid/micro-grid.service.js';
import type { GridStaff } from './staff/grid-staff.entity.js';
import { StaffService } from './staff/staff.service.js';

/** Rows grouped per requested key, in the keys' order (DataLoader's contract for one-to-many). */
function groupedByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * The request-scoped DataLoaders of this subgraph: one SQL query per kind of lookup per request,
 * always within the caller's scope (rows outside it come back as null or are left out).
 */
@Injectable()
export class GridsLoaders {
  constructor(
    private readonly grids: GridService,
    private readonly staff: StaffService,
    private readonly microGrids: MicroGridService,
    private readonly coverage: CoverageService,
    private readonly keyPlaces: KeyPlaceService,
    private readonly hazards: HazardService,
  ) {}

  grid(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, Grid>(context, 'grid', async (codes) =>
      byKeys(codes, await this.grids.findVisible(user, codes), (grid) => grid.code),
    );
  }

  microGrid(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, MicroGrid>(context, 'micro-grid', async (codes) =>
      byKeys(codes, await this.microGrids.findVisible(user, codes), (microGrid) => microGrid.code),
    );
  }

  microGridsOfGrid(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, MicroGrid[]>(context, 'micro-grids-of-grid', async (gridCodes) =>
      groupedByKeys(gridCodes, await this.microGrids.ofGrids(user, gridCodes), (microGrid) => microGrid.gridCode),
    );
  }

  staffMember(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, GridStaff>(context, 'staff', async (ids) =>
      byKeys(ids, await this.staff.findVisible(user, ids), (staff) => staff.id),
    );
  }

  /** A grid's team: current assignments, or with `includeEnded` the history too. */
  team(context: GraphQLContext, includeEnded: boolean) {
    const user = authenticatedUser(context);
    return requestLoader<string, GridStaff[]>(context, includeEnded ? 'team-with-history' : 'team', async (gridCodes) =>
      groupedByKeys(gridCodes, await this.staff.ofGrids(user, gridCodes, includeEnded), (staff) => staff.gridCode),
    );
  }

  liaison(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, GridStaff>(context, 'liaison', async (microGridCodes) =>
      byKeys(microGridCodes, await this.staff.liaisonsOf(user, microGridCodes), (staff) => staff.microGridCode as string),
    );
  }

  householdLoad(context: GraphQLContext) {
    return requestLoader<string, number>(context, 'household-load', async (staffIds) => {
      const loads = await this.coverage.loadsOf(staffIds);
      return staffIds.map((id) => loads.get(id) ?? 0);
    });
  }

  keyPlace(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, KeyPlace>(context, 'key-place', async (ids) =>
      byKeys(ids, await this.keyPlaces.findVisible(user, ids), (place) => place.id),
    );
  }

  hazardsOfPatrol(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, Hazard[]>(context, 'hazards-of-patrol', async (patrolIds) =>
      groupedByKeys(patrolIds, await this.hazards.ofPatrols(user, patrolIds), (hazard) => hazard.patrolId as string),
    );
  }
}
