import { Migration } from '@mikro-orm/migrations';

/** The national case category catalogue and the departments that take each (DOMAIN.md §1, §4); county admins extend it. */
const CATEGORIES: Array<[code: string, nameZh: string, nameEn: string, departments: string[]]> = [
  ['DISPUTE', '矛盾纠纷', 'Dispute', ['PUBLIC_SECURITY', 'PETITIONS']],
  ['SAFETY_HAZARD', '安全隐患', 'Safety hazard', ['EMERGENCY_MANAGEMENT', 'MARKET_SUPERVISION']],
  ['ENVIRONMENT', '环境卫生', 'Environment and sanitation', ['URBAN_MANAGEMENT']],
  ['LIVELIHOOD_SERVICE', '民生服务', 'Livelihood service', ['CIVIL_AFFAIRS', 'HEALTH']],
  ['POLICY_QUESTION', '政策咨询', 'Policy question', ['CIVIL_AFFAIRS', 'PETITIONS']],
  ['INFRASTRUCTURE', '基础设施', 'Infrastructure', ['URBAN_MANAGEMENT']],
  ['PUBLIC_SECURITY', '社会治安', 'Public security', ['PUBLIC_SECURITY']],
  ['OTHER', '其他', 'Other', ['MARKET_SUPERVISION']],
];

export class Migration20261123235900_case_categories extends Migration {

  override name = 'Migration20261123235900_case_categories';

  override up(): void | Promise<void> {
    for (const [code, nameZh, nameEn, departments] of CATEGORIES) {
      const list = departments.map((department) => `'${department}'`).join(', ');
      this.addSql(
        `insert into "case_category" ("code", "created_at", "updated_at", "version", "name_zh", "name_en", "department_codes", "active")
         values ('${code}', now(), now(), 1, '${nameZh}', '${nameEn}', array[${list}]::text[], true) on conflict ("code") do nothing;`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "case_category" where "code" in (${CATEGORIES.map(([code]) => `'${code}'`).join(', ')});`);
  }

}
