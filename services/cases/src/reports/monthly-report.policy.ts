import { assertInScope, Role, type AuthUser } from '@lianxin/auth';
import { badUserInput } from '@lianxin/graphql';

/**
 * Who reads and makes the monthly analysis reports (§8.4): the governance centres of a county and of
 * its townships. A report is of one county or township; a reader's area must contain it (a township
 * admin reads their own township's, the county admin every township's and the county's). Download
 * links are issued only after this check and live a few minutes (MonthlyReportService.LINK_SECONDS).
 */
export const REPORT_READER_ROLES: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.AUDITOR];
export const REPORT_GENERATOR_ROLES: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN];

/** Report areas are counties (6 digits) and townships (9). */
export function assertReportArea(user: AuthUser, areaCode: string): void {
  if (!/^\d{6}(\d{3})?$/.test(areaCode)) throw badUserInput('areaCode', 'reports are made per county (6 digits) or township (9 digits)');
  assertInScope(user, areaCode);
}

/** A month 'YYYY-MM' that has begun (the current month gives a report of its days so far). */
export function assertReportMonth(month: string, today: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badUserInput('month', 'must be YYYY-MM');
  if (month > today.slice(0, 7)) throw badUserInput('month', 'has not begun yet');
}
