/**
 * Retention (issue 17): the files of a closed case are kept for its county's period after the case
 * closed, then deleted; files uploaded but never attached go after a few days. Pure: the job
 * (retention.job.ts) asks these functions and records every deletion.
 *
 * The period is the county setting MEDIA_RETENTION (`closedCaseDays`, 30 … 36,500; default 1095 = 3
 * years), set by the county admin through organizations' changeCountySetting and copied into media from
 * its events (issue 15); the value in force on the day of the run applies. A reopened case is not closed
 * (its events clear closed_at), so its files stay; only cases media knows are closed are ever deleted
 * from. Owners other than cases (hazards, visits …) have no closing in their events: their files are kept.
 */
const DAY_MS = 86_400_000;

/** The shortest period a county can set (the catalogue's minimum): the job's SQL pre-filter. */
export const MIN_RETENTION_DAYS = 30;

/** The files of a case closed at `closedAt`, kept `days` in its county, are due for deletion at `now`. */
export function closedCaseExpired(days: number, closedAt: Date, now: Date): boolean {
  return now.getTime() - closedAt.getTime() >= days * DAY_MS;
}

/** No case closed after this can be due anywhere. */
export function earliestDueClosing(now: Date): Date {
  return new Date(now.getTime() - MIN_RETENTION_DAYS * DAY_MS);
}

/** An upload never attached (or only refused) is deleted `unattachedDays` after it started. */
export function unattachedExpired(unattachedDays: number, uploadedAt: Date, now: Date): boolean {
  return now.getTime() - uploadedAt.getTime() >= unattachedDays * DAY_MS;
}

/** The county (6 digits) an area code lies in. */
export function countyOf(areaCode: string): string {
  return areaCode.slice(0, 6);
}
