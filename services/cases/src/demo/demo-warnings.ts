import type { EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { WarningLevel, WarningRule } from '../warnings/warning-rules.js';
import { Warning } from '../warnings/warning.entity.js';
import { type Finding, WarningsService } from '../warnings/warnings.service.js';

/**
 * A few open warnings (§8.4) for the demo county, as the rules would raise them from the demo cases'
 * counters (the demo seed writes cases directly, without the events the rules consume). Overdue-care
 * warnings come on their own: grids' demo raises grids.care.overdue and the cases-warnings-care consumer
 * turns it into CARE_OVERDUE for the grid.
 */
export const DEMO_WARNINGS: Finding[] = [
  {
    rule: WarningRule.CATEGORY_RISING,
    subjectKey: '330402001:ENVIRONMENT',
    areaCode: '330402001',
    level: WarningLevel.TOWNSHIP,
    summary: '类别 ENVIRONMENT 近7天 12 件，基线同期约 3.5 件 (category ENVIRONMENT: 12 in 7 days against ~3.5)',
    details: { category: 'ENVIRONMENT', recent: 12, baseline: 14, expected: 3.5, recentDays: 7, baselineDays: 28, ratio: 2, minRecent: 5 },
    count: 12,
  },
  {
    rule: WarningRule.REPEATED_CASES,
    subjectKey: 'address:330402001001002:禾兴北路18号2单元',
    areaCode: '330402001001',
    level: WarningLevel.VILLAGE,
    summary: '同一地址近30天反映 4 次 (4 cases from one address in 30 days)',
    details: { key: 'address', gridCode: '330402001001002', windowDays: 30, threshold: 3 },
    count: 4,
  },
  {
    rule: WarningRule.OVERDUE_CLUSTER,
    subjectKey: 'department:URBAN_MANAGEMENT',
    areaCode: '330402',
    level: WarningLevel.COUNTY,
    summary: 'department:URBAN_MANAGEMENT 近14天超期 5 件 (5 cases overdue under one holder in 14 days)',
    details: { holder: 'department:URBAN_MANAGEMENT', handlingLevel: 'DEPARTMENT', windowDays: 14, threshold: 3 },
    count: 5,
  },
  {
    rule: WarningRule.CATEGORY_RISING,
    subjectKey: '330402002001:PUBLIC_SECURITY',
    areaCode: '330402002001',
    level: WarningLevel.VILLAGE,
    summary: '类别 PUBLIC_SECURITY 近7天 6 件，基线同期约 1 件 (category PUBLIC_SECURITY: 6 in 7 days against ~1)',
    details: { category: 'PUBLIC_SECURITY', recent: 6, baseline: 4, expected: 1, recentDays: 7, baselineDays: 28, ratio: 2, minRecent: 5 },
    count: 6,
  },
];

/** Raises the demo warnings that are not there yet (by rule and subject). */
export async function seedDemoWarnings(app: INestApplicationContext, em: EntityManager): Promise<number> {
  let raised = 0;
  for (const finding of DEMO_WARNINGS) {
    if (await em.findOne(Warning, { rule: finding.rule, subjectKey: finding.subjectKey })) continue;
    await em.transactional((tx) => app.get(WarningsService).raise(tx, finding, new Date()));
    raised += 1;
  }
  return raised;
}
