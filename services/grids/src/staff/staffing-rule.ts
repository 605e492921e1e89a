import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { COUNTY_SETTING_DEFAULTS, CountySettings, localDayOf, type CountySettingValues } from '@lianxin/events';
import { requestLoader } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';
import { GridKind } from '../grid/grid-kind.js';
import type { Grid } from '../grid/grid.entity.js';
import type { StaffingRule } from './structure-check.js';

/** The staffing rule of a county setting for a grid of a kind (pure). */
export function staffingRuleOf(setting: CountySettingValues['STAFFING_PATTERN'], kind: GridKind): StaffingRule {
  const expectedTeamSize = kind === GridKind.URBAN ? setting.urbanTeamSize : kind === GridKind.RURAL ? setting.ruralTeamSize : null;
  return { pattern: setting.pattern, expectedTeamSize };
}

/**
 * The county's staffing pattern in force today (issue 15, county setting STAFFING_PATTERN, kept from
 * organizations' events): one look-up per county per request, however many grids are checked.
 */
@Injectable()
export class StaffingRules {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: CountySettings,
  ) {}

  async ruleFor(context: GraphQLContext, grid: Pick<Grid, 'code' | 'kind'>): Promise<StaffingRule> {
    const setting = await requestLoader<string, CountySettingValues['STAFFING_PATTERN']>(context, 'staffingPattern', (counties) =>
      Promise.all(counties.map((county) => this.settings.valueAt(this.em, county, 'STAFFING_PATTERN', localDayOf(new Date())))),
    ).load(grid.code.slice(0, 6));
    return staffingRuleOf(setting ?? COUNTY_SETTING_DEFAULTS.STAFFING_PATTERN, grid.kind);
  }
}
