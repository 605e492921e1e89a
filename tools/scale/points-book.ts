/**
 * The dual-points ledger (双积分) of one village as the volunteers service keeps it, in memory, for
 * the generator: person accounts (CIVIC, PARTY) opened on first use and keeping the area they were
 * opened in, the village's system accounts (AWARDS_ISSUED, the other side of every award;
 * REDEMPTIONS, of every redemption), and postings whose entries balance. The service's own rule
 * checks each posting (assertBalanced, passed in from its dist/), and a line that would take a
 * person's balance below zero is refused as the database's check would refuse it. A fact's
 * idempotency key pays once. Rows come out with the columns of the service's tables.
 */

export type PersonAccountKind = 'CIVIC' | 'PARTY';
export type SystemAccountKind = 'AWARDS_ISSUED' | 'REDEMPTIONS';
export type AccountKind = PersonAccountKind | SystemAccountKind;
export type PostingKind = 'AWARD' | 'VOID' | 'REDEMPTION';
export type PointSource =
  | 'ACTIVITY_ATTENDED'
  | 'ORDER_COMPLETED'
  | 'MEDIATION_JOINED'
  | 'CASE_REPORTED_CONFIRMED'
  | 'MANUAL'
  | 'DECLARATION'
  | 'REDEMPTION'
  | 'RED_LINE_VETO';

export interface PostingLine {
  accountId: string;
  /** Credit positive, debit negative. */
  amount: number;
}

export interface Account {
  id: string;
  kind: AccountKind;
  personId: string | null;
  areaCode: string;
  partyMemberType: string | null;
  holderUserId: string | null;
  balance: number;
  openedAt: number;
  updatedAt: number;
}

export interface Posting {
  id: string;
  idempotencyKey: string;
  kind: PostingKind;
  source: PointSource;
  ruleCode: string | null;
  memo: string;
  areaCode: string;
  occurredAt: number;
  recordedAt: number;
  actor: string;
}

export interface Entry {
  id: string;
  postingId: string;
  accountId: string;
  amount: number;
  createdAt: number;
}

/** A row of the service's point_rule table (as migrated). */
export interface PointRule {
  code: string;
  source: PointSource;
  accountKind: PersonAccountKind;
  partyMemberType: string | null;
  points: number;
  active: boolean;
}

/** The rule for a source on an account kind, as AwardService.applicableRule picks it: the member type's own rule wins over the general one. */
export function pickRule(rules: readonly PointRule[], source: PointSource, accountKind: AccountKind, memberType: string | null): PointRule | null {
  const candidates = rules.filter(
    (rule) => rule.active && rule.source === source && rule.accountKind === accountKind && (rule.partyMemberType === null || (accountKind === 'PARTY' && rule.partyMemberType === memberType)),
  );
  return candidates.find((rule) => rule.partyMemberType !== null) ?? candidates[0] ?? null;
}

export interface PersonAccountSpec {
  personId: string;
  kind: PersonAccountKind;
  /** Where a new account belongs; an existing account keeps its area. */
  areaCode: string;
  partyMemberType?: string | null;
  holderUserId?: string | null;
}

export interface NewPosting extends Omit<Posting, 'id'> {
  lines: PostingLine[];
}

export type IdSource = (kind: 'point-account' | 'ledger-posting' | 'ledger-entry') => string;

export class PointsBook {
  readonly accounts = new Map<string, Account>();
  readonly postings: Posting[] = [];
  readonly entries: Entry[] = [];
  private readonly keys = new Set<string>();
  private readonly byId = new Map<string, Account>();
  private readonly newId: IdSource;
  private readonly assertBalanced: (lines: PostingLine[]) => void;

  constructor(newId: IdSource, assertBalanced: (lines: PostingLine[]) => void) {
    this.newId = newId;
    this.assertBalanced = assertBalanced;
  }

  /** The person's account of that kind, opened on first use; learns the holder's login and member type without overwriting them. */
  personAccount(spec: PersonAccountSpec, at: number): Account {
    const key = `${spec.personId}|${spec.kind}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = {
        id: this.newId('point-account'),
        kind: spec.kind,
        personId: spec.personId,
        areaCode: spec.areaCode,
        partyMemberType: spec.partyMemberType ?? null,
        holderUserId: spec.holderUserId ?? null,
        balance: 0,
        openedAt: at,
        updatedAt: at,
      };
      this.open(key, account);
    } else {
      account.holderUserId ??= spec.holderUserId ?? null;
      account.partyMemberType ??= spec.partyMemberType ?? null;
    }
    return account;
  }

  /** A village's system account, opened on first use (the village of the area given). */
  systemAccount(kind: SystemAccountKind, areaCode: string, at: number): Account {
    const village = areaCode.slice(0, 12);
    const key = `${village}|${kind}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = { id: this.newId('point-account'), kind, personId: null, areaCode: village, partyMemberType: null, holderUserId: null, balance: 0, openedAt: at, updatedAt: at };
      this.open(key, account);
    }
    return account;
  }

  account(id: string): Account {
    const account = this.byId.get(id);
    if (!account) throw new Error(`no account ${id} in this book`);
    return account;
  }

  /** Writes the posting unless its idempotency key was posted before (then null: the fact was paid already). */
  post(posting: NewPosting): Posting | null {
    if (this.keys.has(posting.idempotencyKey)) return null;
    this.assertBalanced(posting.lines);
    for (const line of posting.lines) {
      const account = this.account(line.accountId);
      if (account.personId !== null && account.balance + line.amount < 0) {
        throw new Error(`posting ${posting.idempotencyKey} would take account ${account.id} to ${account.balance + line.amount} points`);
      }
    }
    this.keys.add(posting.idempotencyKey);
    const { lines, ...fields } = posting;
    const row: Posting = { id: this.newId('ledger-posting'), ...fields };
    this.postings.push(row);
    for (const line of lines) {
      const account = this.account(line.accountId);
      account.balance += line.amount;
      account.updatedAt = Math.max(account.updatedAt, posting.recordedAt);
      this.entries.push({ id: this.newId('ledger-entry'), postingId: row.id, accountId: account.id, amount: line.amount, createdAt: posting.recordedAt });
    }
    return row;
  }

  private open(key: string, account: Account): void {
    this.accounts.set(key, account);
    this.byId.set(account.id, account);
  }
}
