import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: a red-line veto holds for every later posting of its period, and points of the period
 * redeemed before the veto are taken back from later awards (`points_outstanding`). Existing vetoes get
 * what they could not take: the period's awards as posted by now (including any paid after the veto,
 * the leak this fixes) minus what was voided. Those are taken back from the account's next awards.
 */
export class Migration20261207114048_veto_settlement extends Migration {
  override name = 'Migration20261207114048_veto_settlement';

  override up(): void | Promise<void> {
    this.addSql(`alter table "point_veto" add "points_outstanding" int not null default 0;`);
    this.addSql(`update "point_veto" v set "points_outstanding" = greatest(0, coalesce((
      select sum(e.amount) from ledger_entry e join ledger_posting p on p.id = e.posting_id
      where e.account_id = v.account_id and p.kind = 'AWARD' and p.occurred_at >= v.period_start and p.occurred_at < v.period_end), 0) - v.points_voided);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "point_veto" drop column "points_outstanding";`);
  }
}
