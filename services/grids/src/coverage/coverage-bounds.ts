import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CountySettings, localDayOf } from '@lianxin/events';
import { requestLoader } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';
import { coverageBoundsFrom, type CoverageBounds } from './load-status.js';

/**
 * Households a grid worker links, per county (issue 15, county setting COVERAGE_BOUNDS, default 30–50):
 * the county's bounds in force today, one look-up per county per request. A county that never set them
 * keeps the installation's GRID_COVERAGE_MIN / GRID_COVERAGE_MAX (default 30–50).
 */
@Injectable()
export class CoverageBoundsRules {
  private readonly installation: CoverageBounds = coverageBoundsFrom();

  constructor(
    private readonly em: EntityManager,
    private readonly settings: CountySettings,
  ) {}

  async boundsFor(context: GraphQLContext, gridCode: string): Promise<CoverageBounds> {
    const bounds = await requestLoader<string, CoverageBounds>(context, 'coverageBounds', (counties) =>
      Promise.all(
        counties.map(async (county) => {
          const setting = await this.settings.inForce(this.em, county, 'COVERAGE_BOUNDS', localDayOf(new Date()));
          return setting.isDefault ? this.installation : setting.value;
        }),
      ),
    ).load(gridCode.slice(0, 6));
    return bounds ?? this.installation;
  }
}
