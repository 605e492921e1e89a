import { Migration } from '@mikro-orm/migrations';

/**
 * Default points rules (DOMAIN.md §5 names the sources, not the numbers: these are ours). PARTY rules
 * may differ by member type; a rule without a member type covers the types with none of their own.
 * For MANUAL and DECLARATION the points are the most one award may give.
 */
const RULES: Array<[code: string, source: string, accountKind: string, memberType: string | null, points: number, description: string]> = [
  ['CIVIC_ACTIVITY', 'ACTIVITY_ATTENDED', 'CIVIC', null, 5, 'Attended a volunteer activity. 参加志愿活动'],
  ['CIVIC_ORDER', 'ORDER_COMPLETED', 'CIVIC', null, 8, 'Completed a service order. 完成服务单'],
  ['CIVIC_CASE_REPORT', 'CASE_REPORTED_CONFIRMED', 'CIVIC', null, 3, 'Reported a problem the grid verified. 反映问题经核实'],
  ['CIVIC_MEDIATION', 'MEDIATION_JOINED', 'CIVIC', null, 5, 'Took part in a mediation. 参与矛盾调解'],
  ['CIVIC_MANUAL', 'MANUAL', 'CIVIC', null, 20, 'Civic deed awarded by hand (environment, customs, public welfare), at most. 文明行为人工加分（上限）'],
  ['PARTY_ACTIVITY', 'ACTIVITY_ATTENDED', 'PARTY', null, 5, 'Attended a volunteer activity. 参加志愿活动'],
  ['PARTY_ACTIVITY_WITHOUT_POST', 'ACTIVITY_ATTENDED', 'PARTY', 'WITHOUT_POST', 6, 'A member without a post attended an activity (设岗定责). 无职党员参加志愿活动'],
  ['PARTY_ACTIVITY_MOBILE', 'ACTIVITY_ATTENDED', 'PARTY', 'MOBILE', 8, 'A mobile member came back to serve. 流动党员返乡参加活动'],
  ['PARTY_ORDER', 'ORDER_COMPLETED', 'PARTY', null, 10, 'Completed a service order (党员接单). 完成服务单'],
  ['PARTY_ORDER_HOUSEHOLD_LINKING', 'ORDER_COMPLETED', 'PARTY', 'HOUSEHOLD_LINKING', 12, 'A household-linking member served a resident. 联户党员完成服务单'],
  ['PARTY_ORDER_PROBATIONARY', 'ORDER_COMPLETED', 'PARTY', 'PROBATIONARY', 8, 'A probationary member completed a service order. 预备党员完成服务单'],
  ['PARTY_CASE_REPORT', 'CASE_REPORTED_CONFIRMED', 'PARTY', null, 3, 'Reported a problem the grid verified. 反映问题经核实'],
  ['PARTY_MEDIATION', 'MEDIATION_JOINED', 'PARTY', null, 8, 'Took part in a mediation (红色调解). 参与矛盾调解'],
  ['PARTY_MANUAL', 'MANUAL', 'PARTY', null, 30, 'Party member\'s deed awarded by hand, at most. 党员人工加分（上限）'],
  ['PARTY_DECLARATION_IN_SERVICE', 'DECLARATION', 'PARTY', 'IN_SERVICE', 20, 'An in-service member\'s monthly declaration, at most. 在职党员月度申报（上限）'],
];

const quote = (value: string | null) => (value === null ? 'null' : `'${value.replace(/'/g, "''")}'`);

export class Migration20261123021049_point_rules extends Migration {

  override name = 'Migration20261123021049_point_rules';

  override up(): void | Promise<void> {
    for (const [code, source, accountKind, memberType, points, description] of RULES) {
      this.addSql(
        `insert into "point_rule" ("code", "created_at", "updated_at", "version", "source", "account_kind", "party_member_type", "points", "description", "active")
         values (${quote(code)}, now(), now(), 1, ${quote(source)}, ${quote(accountKind)}, ${memberType === null ? 'null' : `${quote(memberType)}::party_member_type`}, ${points}, ${quote(description)}, true)
         on conflict ("code") do nothing;`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "point_rule" where "code" in (${RULES.map(([code]) => quote(code)).join(', ')});`);
  }

}
