import { errorCodes } from '@lianxin/testing';
import { GRID, reportCase, startCasesApp, type CasesTestApp } from './harness.js';

/** Issue 15: case categories per county — a county admin adds and changes only their own county's; the national catalogue is for platform admins. */
describe('issue 15 case categories per county', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await startCasesApp('cases_categories');
  });

  afterAll(async () => {
    await t?.close();
  });

  const CREATE = `mutation ($input: CreateCaseCategoryInput!) { createCaseCategory(input: $input) { category { code countyCode } } }`;
  const UPDATE = `mutation ($input: UpdateCaseCategoryInput!) { updateCaseCategory(input: $input) { category { code nameZh } } }`;
  const LIST = `{ caseCategories { code countyCode } }`;

  it('issue 15 a county admin adds a category of their own county, used only there; national categories and other counties\' are not theirs to change', async () => {
    const created = await t.ok<{ createCaseCategory: { category: { code: string; countyCode: string } } }>('county.admin', CREATE, {
      input: { code: 'NANHU_FLOOD_CONTROL', nameZh: '防汛防台', nameEn: 'Flood control', departmentCodes: ['EMERGENCY_MANAGEMENT'] },
    });
    expect(created.createCaseCategory.category).toEqual({ code: 'NANHU_FLOOD_CONTROL', countyCode: '330402' });
    expect(errorCodes(await t.gql('county.admin', UPDATE, { input: { code: 'NANHU_FLOOD_CONTROL', nameZh: '防汛防台（南湖）' } }))).toEqual([]);
    // The national catalogue is every county's: no county admin changes it.
    expect(errorCodes(await t.gql('county.admin', UPDATE, { input: { code: 'OTHER', nameZh: '改名' } }))).toEqual(['FORBIDDEN']);
    const [other] = await t.sql<{ name_zh: string }>(`select name_zh from case_category where code = 'OTHER'`);
    expect(other.name_zh).not.toBe('改名');
    // Another county's category: not listed here, not usable here, not changeable by this county's admin.
    await t.sql(`insert into case_category (code, name_zh, name_en, department_codes, active, county_code, created_at, updated_at, version) values ('XIUZHOU_ONLY', '秀洲专项', 'Xiuzhou only', '{}', true, '330411', now(), now(), 1)`);
    expect(errorCodes(await t.gql('county.admin', UPDATE, { input: { code: 'XIUZHOU_ONLY', nameZh: 'x' } }))).toEqual(['FORBIDDEN']);
    const listed = await t.ok<{ caseCategories: Array<{ code: string; countyCode: string | null }> }>('grid.worker', LIST);
    const codes = listed.caseCategories.map((c) => c.code);
    expect(codes).toContain('NANHU_FLOOD_CONTROL');
    expect(codes).toContain('OTHER');
    expect(codes).not.toContain('XIUZHOU_ONLY');
    expect((await reportCase(t, 'grid.worker', { categoryCode: 'NANHU_FLOOD_CONTROL', gridCode: GRID })).id).toBeTruthy();
    const elsewhere = await t.gql('grid.worker', `mutation { reportCase(input: { title: "x", description: "y", categoryCode: "XIUZHOU_ONLY", caseClass: SIMPLE, gridCode: "${GRID}" }) { case { id } } }`);
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCode' });
  });
});
