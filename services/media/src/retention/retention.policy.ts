/**
 * Retention (issue 17): the files of a closed case are kept for its county's period after the case
 * closed, then deleted; files uploaded but never attached go after a few days. Pure: the job
 * (retention.job.ts) asks these functions and records every deletion.
 *
 * The period is the county's (`MEDIA_RETENTION_DAYS_BY_COUNTY=330402:1095,330411:730`), else
 * MEDIA_RETENTION_DAYS (default 3 years). A reopened case is not closed (its events clear closed_at), so
 * its files stay; only cases media knows are closed are ever deleted from. Owners other than cases
 * (hazards, visits …) have no closing in their events: their files are kept.
 */
export interface RetentionRules {
  defaultDays: number;
  /** 6-digit county code → days. */
  byCounty: ReadonlyMap<string, number>;
  unattachedDays: number;
}

const DAY_MS = 86_400_000;

export function parseCountyDays(text: string | undefined): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(\d{6}):(\d{1,6})$/.exec(part);
    if (!match) throw new Error(`MEDIA_RETENTION_DAYS_BY_COUNTY: "${part}" is not <6-digit county>:<days>`);
    result.set(match[1]!, Number(match[2]));
  }
  return result;
}

/** Days a closed case's files are kept in the county of this area code. */
export function retentionDays(rules: RetentionRules, areaCode: string): number {
  return rules.byCounty.get(areaCode.slice(0, 6)) ?? rules.defaultDays;
}

/** The files of a case closed at `closedAt` in `areaCode` are due for deletion at `now`. */
export function closedCaseExpired(rules: RetentionRules, areaCode: string, closedAt: Date, now: Date): boolean {
  return now.getTime() - closedAt.getTime() >= retentionDays(rules, areaCode) * DAY_MS;
}

/** The earliest closing that can be due anywhere (the shortest period): the job's SQL pre-filter. */
export function earliestDueClosing(rules: RetentionRules, now: Date): Date {
  const shortest = Math.min(rules.defaultDays, ...rules.byCounty.values());
  return new Date(now.getTime() - shortest * DAY_MS);
}

/** An upload never attached (or only refused) is deleted this long after it started. */
export function unattachedExpired(rules: RetentionRules, uploadedAt: Date, now: Date): boolean {
  return now.getTime() - uploadedAt.getTime() >= rules.unattachedDays * DAY_MS;
}
