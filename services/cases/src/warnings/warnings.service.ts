import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser, scopeFilter } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { CountySettings, recordEvent } from '@lianxin/events';
import { badUserInput, conflict, type Connection, newestFirst, notFound, type PageArgs, paginate } from '@lianxin/graphql';
import {
  areaAt,
  categoryRising,
  disputeSupervisor,
  holderKey,
  levelOfArea,
  normaliseAddress,
  reaches,
  supervisorOf,
  thresholdsFromCountySetting,
  WarningLevel,
  WarningRule,
  type WarningThresholds,
} from './warning-rules.js';
import { Warning, WarningHistory, WarningStatus } from './warning.entity.js';
import { assertMayHandle } from './warnings.policy.js';

/** Subjects of the warning events; H3's live service delivers `cases.warning.raised` to the addressed level. */
export const WarningEvents = {
  RAISED: 'cases.warning.raised',
  ACKNOWLEDGED: 'cases.warning.acknowledged',
  CLOSED: 'cases.warning.closed',
} as const;

export interface WarningEventData {
  warningId: string;
  rule: WarningRule;
  areaCode: string;
  level: WarningLevel;
  summary: string;
  count: number;
  status: WarningStatus;
  raisedAt: string;
  /** Who acknowledged or closed it, and the note (acknowledged/closed only). */
  by?: string;
  note?: string;
}

export interface Finding {
  rule: WarningRule;
  subjectKey: string;
  areaCode: string;
  level: WarningLevel;
  summary: string;
  details: Record<string, unknown>;
  /** The open warning's count becomes this (absolute), or grows by `add`. */
  count?: number;
  add?: number;
}

export interface WarningFilter {
  status?: WarningStatus[];
  rule?: WarningRule;
  areaCode?: string;
  level?: WarningLevel;
}

const DAY_MS = 86_400_000;
const byRaisedAt = newestFirst<Warning>('raisedAt');

/** China day of an instant. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Early warnings (DOMAIN.md §8.4): raised from counters and events by the rules of warning-rules.ts,
 * listed in the reader's area, acknowledged and closed with a note (warning_history keeps every step),
 * each step published as an event.
 */
@Injectable()
export class WarningsService {
  constructor(
    private readonly em: EntityManager,
    private readonly countySettings: CountySettings,
  ) {}

  /** The county's thresholds in force on the day of `at` (county setting WARNING_THRESHOLDS, cases' copy). */
  private async thresholds(em: EntityManager, areaCode: string, at: Date): Promise<WarningThresholds> {
    return thresholdsFromCountySetting(await this.countySettings.valueAt(em, areaCode.slice(0, 6), 'WARNING_THRESHOLDS', chinaDay(at)));
  }

  // ─── Raising ─────────────────────────────────────────────────────────────

  /**
   * Raises a finding inside the caller's transaction: refreshes the open warning of its rule and
   * subject, or opens one (unless one for the subject was closed within the cooldown) and records
   * cases.warning.raised. Returns the warning, or null when the cooldown held it back.
   */
  async raise(em: EntityManager, finding: Finding, now: Date): Promise<Warning | null> {
    const open = await em.findOne(Warning, { rule: finding.rule, subjectKey: finding.subjectKey, status: { $ne: WarningStatus.CLOSED } });
    if (open) {
      open.count = finding.count ?? open.count + (finding.add ?? 1);
      open.details = finding.details;
      open.summary = finding.summary;
      open.lastSeenAt = now;
      em.create(WarningHistory, { warningId: open.id, action: 'REFRESHED', actor: 'system', at: now });
      await em.flush();
      return open;
    }
    const cooldown = (await this.thresholds(em, finding.areaCode, now)).cooldownDays;
    const recent = await em.findOne(Warning, { rule: finding.rule, subjectKey: finding.subjectKey, closedAt: { $gt: new Date(now.getTime() - cooldown * DAY_MS) } });
    if (recent) return null;
    const warning = em.create(Warning, {
      rule: finding.rule,
      subjectKey: finding.subjectKey,
      areaCode: finding.areaCode,
      level: finding.level,
      summary: finding.summary,
      details: finding.details,
      count: finding.count ?? finding.add ?? 1,
      raisedAt: now,
      lastSeenAt: now,
    });
    em.create(WarningHistory, { warningId: warning.id, action: 'RAISED', actor: 'system', at: now });
    await em.flush();
    this.publish(em, WarningEvents.RAISED, warning, 'system');
    return warning;
  }

  private publish(em: EntityManager, type: string, warning: Warning, actor: string, note?: string): void {
    recordEvent<WarningEventData>(em, {
      type,
      areaCode: warning.areaCode,
      actor,
      data: {
        warningId: warning.id,
        rule: warning.rule,
        areaCode: warning.areaCode,
        level: warning.level,
        summary: warning.summary,
        count: warning.count,
        status: warning.status,
        raisedAt: warning.raisedAt.toISOString(),
        ...(actor !== 'system' ? { by: actor } : {}),
        ...(note ? { note } : {}),
      },
    });
  }

  private async tally(em: EntityManager, key: string, day: string, windowDays: number): Promise<number> {
    await em.execute(
      `insert into warning_tally (key, day, count) values (?, ?, 1) on conflict (key, day) do update set count = warning_tally.count + 1`,
      [key, day],
    );
    const [row] = await em.execute<Array<{ n: string }>>(`select coalesce(sum(count), 0) as n from warning_tally where key = ? and day > ?`, [
      key,
      addDays(day, -windowDays),
    ]);
    return Number(row.n);
  }

  // ─── Rules on case events ────────────────────────────────────────────────

  /** cases.case.reported: CATEGORY_RISING for the case's village and township, REPEATED_CASES for its reporter and address. */
  async onCaseReported(em: EntityManager, data: { caseId: string; gridCode: string; category: string; reporterPersonId: string | null }, at: Date): Promise<void> {
    const t = await this.thresholds(em, data.gridCode, at);
    const today = chinaDay(at);
    for (const level of [WarningLevel.VILLAGE, WarningLevel.TOWNSHIP]) {
      const area = areaAt(data.gridCode, level);
      const [row] = await em.execute<Array<{ recent: string; baseline: string }>>(
        `select coalesce(sum(reported) filter (where day > ?), 0) as recent, coalesce(sum(reported) filter (where day <= ?), 0) as baseline
           from case_daily_stat where area_code = ? and category_code = ? and day > ? and day <= ?`,
        [addDays(today, -t.recentDays), addDays(today, -t.recentDays), area, data.category, addDays(today, -(t.recentDays + t.baselineDays)), today],
      );
      const recent = Number(row.recent);
      const baseline = Number(row.baseline);
      const verdict = categoryRising(recent, baseline, t);
      if (!verdict.fires) continue;
      await this.raise(
        em,
        {
          rule: WarningRule.CATEGORY_RISING,
          subjectKey: `${area}:${data.category}`,
          areaCode: area,
          level,
          summary: `类别 ${data.category} 近${t.recentDays}天 ${recent} 件，基线同期约 ${verdict.expected} 件 (category ${data.category}: ${recent} in ${t.recentDays} days against ~${verdict.expected})`,
          details: { category: data.category, recent, baseline, expected: verdict.expected, recentDays: t.recentDays, baselineDays: t.baselineDays, ratio: t.ratio, minRecent: t.minRecent },
          count: recent,
        },
        at,
      );
    }
    const [reported] = await em
      .getConnection()
      .execute<Array<{ location_address: string | null }>>(`select location_address from "case" where id = ?`, [data.caseId]);
    const village = areaAt(data.gridCode, WarningLevel.VILLAGE);
    const keys: Array<[string, string]> = [];
    if (data.reporterPersonId) keys.push([`reporter:${data.reporterPersonId}`, '同一反映人']);
    const address = normaliseAddress(reported?.location_address);
    if (address) keys.push([`address:${data.gridCode}:${address}`, '同一地址']);
    for (const [key, label] of keys) {
      const count = await this.tally(em, key, today, t.repeatWindowDays);
      if (!reaches(count, t.repeatThreshold)) continue;
      await this.raise(
        em,
        {
          rule: WarningRule.REPEATED_CASES,
          subjectKey: key,
          areaCode: village,
          level: WarningLevel.VILLAGE,
          summary: `${label}近${t.repeatWindowDays}天反映 ${count} 次 (${count} cases from one ${key.startsWith('reporter') ? 'reporter' : 'address'} in ${t.repeatWindowDays} days)`,
          details: { key: key.startsWith('reporter') ? 'reporter' : 'address', gridCode: data.gridCode, latestCaseId: data.caseId, windowDays: t.repeatWindowDays, threshold: t.repeatThreshold, ...(data.reporterPersonId && key.startsWith('reporter') ? { personId: data.reporterPersonId } : {}) },
          count,
        },
        at,
      );
    }
  }

  /** cases.case.overdue: OVERDUE_CLUSTER for the holder the case was overdue under. */
  async onCaseOverdue(
    em: EntityManager,
    data: { caseId: string; gridCode: string; level: string; assigneeDepartmentCode?: string | null; assigneeUserId?: string | null },
    at: Date,
  ): Promise<void> {
    const t = await this.thresholds(em, data.gridCode, at);
    const holder = holderKey(data);
    const count = await this.tally(em, `overdue:${holder}`, chinaDay(at), t.clusterWindowDays);
    if (!reaches(count, t.clusterThreshold)) return;
    const level = supervisorOf(data.level);
    await this.raise(
      em,
      {
        rule: WarningRule.OVERDUE_CLUSTER,
        subjectKey: holder,
        areaCode: areaAt(data.gridCode, level),
        level,
        summary: `${holder} 近${t.clusterWindowDays}天超期 ${count} 件 (${count} cases overdue under one holder in ${t.clusterWindowDays} days)`,
        details: { holder, handlingLevel: data.level, latestCaseId: data.caseId, windowDays: t.clusterWindowDays, threshold: t.clusterThreshold },
        count,
      },
      at,
    );
  }

  /** grids.care.overdue: CARE_OVERDUE to the grid, one open warning per worker. */
  async onCareOverdue(
    em: EntityManager,
    data: { gridCode: string; staffId: string | null; staffName: string | null; slots: Array<{ slotId: string; householdId: string; kind: string; dueDate: string }> },
    at: Date,
  ): Promise<void> {
    if (data.slots.length === 0) return;
    const who = data.staffName ?? '未包联';
    await this.raise(
      em,
      {
        rule: WarningRule.CARE_OVERDUE,
        subjectKey: `${data.gridCode}:${data.staffId ?? 'uncovered'}`,
        areaCode: data.gridCode,
        level: WarningLevel.GRID,
        summary: `${who} 有关爱事项逾期 (care overdue for ${data.staffId ? 'a worker' : 'uncovered households'})`,
        details: {
          staffId: data.staffId,
          households: [...new Set(data.slots.map((slot) => slot.householdId))].length,
          latest: data.slots.slice(0, 20).map((slot) => ({ slotId: slot.slotId, kind: slot.kind, dueDate: slot.dueDate })),
        },
        add: data.slots.length,
      },
      at,
    );
  }

  /**
   * DISPUTE_STAGE_OVERRUN: pending disputes longer at their mediation level than its limit (from the
   * pending disputes and their sessions; dispute_pending_idx). One warning per dispute and level.
   */
  async raiseDisputeOverruns(now: Date): Promise<number> {
    const em = this.em.fork();
    const rows = await em.execute<Array<{ id: string; case_id: string; grid_code: string; level: string; stage_start: Date }>>(
      `select d.id, d.case_id, d.grid_code, d.level::text as level,
              coalesce((select min(s.held_at) from mediation_session s where s.dispute_id = d.id and s.level = d.level),
                       (select max(s.held_at) from mediation_session s where s.dispute_id = d.id and s.level <> d.level),
                       d.opened_at) as stage_start
         from dispute d where d.outcome = 'PENDING'`,
    );
    let raised = 0;
    for (const row of rows) {
      const t = await this.thresholds(em, row.grid_code, now);
      const limit = t.disputeStageDays[row.level as 'GRID' | 'VILLAGE' | 'EXPERT'] ?? t.disputeStageDays.VILLAGE;
      const days = Math.floor((now.getTime() - new Date(row.stage_start).getTime()) / DAY_MS);
      if (days <= limit) continue;
      const level = disputeSupervisor(row.level);
      await em.transactional(async (tx) => {
        const before = await tx.count(Warning, { rule: WarningRule.DISPUTE_STAGE_OVERRUN, subjectKey: `${row.id}:${row.level}` });
        const warning = await this.raise(
          tx,
          {
            rule: WarningRule.DISPUTE_STAGE_OVERRUN,
            subjectKey: `${row.id}:${row.level}`,
            areaCode: areaAt(row.grid_code, level),
            level,
            summary: `矛盾纠纷在${row.level}调解已 ${days} 天，超过时限 ${limit} 天 (dispute at ${row.level} for ${days} days, limit ${limit})`,
            details: { disputeId: row.id, caseId: row.case_id, mediationLevel: row.level, days, limitDays: limit },
            count: days,
          },
          now,
        );
        if (warning && before === 0) raised += 1;
      });
    }
    return raised;
  }

  // ─── Reading and handling ────────────────────────────────────────────────

  search(user: AuthUser, filter: WarningFilter | undefined, page: PageArgs): Promise<Connection<Warning>> {
    if (filter?.areaCode && !/^\d{6,15}$/.test(filter.areaCode)) throw badUserInput('filter.areaCode', 'must be an area code of 6 to 15 digits');
    const where = {
      $and: [
        scopeFilter(user, 'areaCode'),
        filter?.areaCode ? { areaCode: { $like: prefixPattern(filter.areaCode) } } : {},
        filter?.status?.length ? { status: { $in: filter.status } } : {},
        filter?.rule ? { rule: filter.rule } : {},
        filter?.level ? { level: filter.level } : {},
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Warning, { $and: [where, byRaisedAt.after(afterKey)] }, { orderBy: byRaisedAt.orderBy, limit }),
      byRaisedAt.keyOf,
      () => this.em.count(Warning, where),
    );
  }

  async get(user: AuthUser, id: string): Promise<Warning> {
    const warning = await this.em.findOne(Warning, { $and: [{ id }, scopeFilter(user, 'areaCode')] });
    if (!warning) throw notFound('Warning', id);
    return warning;
  }

  history(warningId: string): Promise<WarningHistory[]> {
    return this.em.find(WarningHistory, { warningId }, { orderBy: { at: 'asc' } });
  }

  acknowledge(user: AuthUser, input: { id: string; note?: string | null; expectedVersion?: number | null }): Promise<Warning> {
    return this.handle(user, input, WarningStatus.ACKNOWLEDGED);
  }

  close(user: AuthUser, input: { id: string; note: string; expectedVersion?: number | null }): Promise<Warning> {
    if (!input.note || input.note.trim() === '') throw badUserInput('note', 'say how the warning was dealt with');
    return this.handle(user, input, WarningStatus.CLOSED);
  }

  private handle(user: AuthUser, input: { id: string; note?: string | null; expectedVersion?: number | null }, to: WarningStatus): Promise<Warning> {
    return this.em.transactional(async (em) => {
      const warning = await em.findOne(Warning, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!warning) throw notFound('Warning', input.id);
      assertMayHandle(user, warning);
      if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== warning.version) {
        throw conflict(`warning ${warning.id} is at version ${warning.version}, not ${input.expectedVersion}`);
      }
      const note = input.note?.trim() || null;
      if (warning.status === WarningStatus.CLOSED) {
        if (to === WarningStatus.CLOSED && warning.closedBy === user.sub && warning.closeNote === note) return warning; // a retry changes nothing
        throw conflict('the warning is already closed');
      }
      if (to === WarningStatus.ACKNOWLEDGED && warning.status === WarningStatus.ACKNOWLEDGED) return warning; // a retry changes nothing
      const now = new Date();
      if (to === WarningStatus.ACKNOWLEDGED) Object.assign(warning, { status: to, acknowledgedAt: now, acknowledgedBy: user.sub, acknowledgeNote: note });
      else {
        Object.assign(warning, { status: to, closedAt: now, closedBy: user.sub, closeNote: note });
        if (!warning.acknowledgedAt) Object.assign(warning, { acknowledgedAt: now, acknowledgedBy: user.sub });
      }
      em.create(WarningHistory, { warningId: warning.id, action: to === WarningStatus.CLOSED ? 'CLOSED' : 'ACKNOWLEDGED', actor: user.sub, note, at: now });
      await em.flush();
      this.publish(em, to === WarningStatus.CLOSED ? WarningEvents.CLOSED : WarningEvents.ACKNOWLEDGED, warning, user.sub, note ?? undefined);
      return warning;
    });
  }

  levelOf(areaCode: string): WarningLevel {
    return levelOfArea(areaCode);
  }
}
