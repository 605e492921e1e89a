import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { PersonReference } from '../federation/person.reference.js';
import { PointDeclaration } from './declaration.entity.js';
import { LedgerEntry } from './ledger.entity.js';
import { ManualAward } from './manual-award.entity.js';
import { PointAccount } from './point-account.entity.js';
import { PointVeto } from './point-veto.entity.js';
import { PointAccountKind } from './points-enums.js';
import { Redemption, RedemptionItem } from './redemption.entity.js';

export const LedgerEntryConnection = ConnectionType(LedgerEntry, 'LedgerEntry', 'Ledger entries of an account, newest first. 积分明细');
export const ManualAwardConnection = ConnectionType(ManualAward, 'ManualAward', 'Manual awards, newest first. 人工加分申请');
export const PointDeclarationConnection = ConnectionType(PointDeclaration, 'PointDeclaration', 'Points declarations, newest first. 积分申报');
export const PointVetoConnection = ConnectionType(PointVeto, 'PointVeto', 'Red-line vetoes, newest first. 一票否决记录');
export const RedemptionItemConnection = ConnectionType(RedemptionItem, 'RedemptionItem', 'Redemption catalogue. 兑换目录');
export const RedemptionConnection = ConnectionType(Redemption, 'Redemption', 'Redemptions, newest first. 兑换记录');

@ObjectType({ description: 'A person\'s points balances by account kind (only the accounts you may see). 个人积分' })
export class PersonPoints {
  @Field(() => Int, { nullable: true, description: 'Civic points balance; null without a civic account. 文明积分余额' })
  civic: number | null;

  @Field(() => Int, { nullable: true, description: 'Party points balance; null without a party account. 党员积分余额' })
  party: number | null;

  @Field(() => [PointAccount], { description: 'The accounts. 积分账户' })
  accounts: PointAccount[];
}

@ObjectType({ description: 'A place on a monthly leaderboard. 积分榜名次' })
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Place; equal points share a place. 名次' })
  rank: number;

  @Field(() => PersonReference, { description: 'The person (name from the people subgraph). 人员' })
  person: PersonReference;

  @Field(() => Int, { description: 'Points awarded in the month. 当月获得积分' })
  points: number;

  @Field(() => Int, { description: 'Balance now. 当前余额' })
  balance: number;
}

@ObjectType({ description: 'A village\'s monthly points leaderboard (积分月度公示). 积分榜' })
export class Leaderboard {
  @Field({ description: 'Village code. 村（社区）代码' })
  villageCode: string;

  @Field({ description: 'Month, YYYY-MM. 月份' })
  month: string;

  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  accountKind: PointAccountKind;

  @Field(() => [LeaderboardEntry], { description: 'Top places, best first. 名次' })
  entries: LeaderboardEntry[];
}

@ObjectType({ description: 'When points may be redeemed. 积分兑换日' })
export class RedemptionWindowType {
  @Field({ description: 'Redemption is open now. 当前可兑换' })
  open: boolean;

  @Field(() => String, { nullable: true, description: 'First redemption day (China date) of the window open now or next. 兑换开始日' })
  firstDay: string | null;

  @Field(() => String, { nullable: true, description: 'Last redemption day of that window. 兑换截止日' })
  lastDay: string | null;
}

@ObjectType({ description: 'The account after the change. 变更后的积分账户' })
export class PointAccountPayload {
  @Field(() => PointAccount, { description: 'The account. 积分账户' })
  account: PointAccount;
}

@ObjectType({ description: 'The manual award after the change. 变更后的人工加分申请' })
export class ManualAwardPayload {
  @Field(() => ManualAward, { description: 'The manual award. 人工加分申请' })
  manualAward: ManualAward;
}

@ObjectType({ description: 'The declaration after the change. 变更后的申报' })
export class PointDeclarationPayload {
  @Field(() => PointDeclaration, { description: 'The declaration. 申报' })
  declaration: PointDeclaration;
}

@ObjectType({ description: 'The veto recorded. 一票否决结果' })
export class VetoPointsPayload {
  @Field(() => PointVeto, { description: 'The veto. 否决记录' })
  veto: PointVeto;

  @Field(() => PointAccount, { description: 'The account after the reversing posting. 账户' })
  account: PointAccount;
}

@ObjectType({ description: 'The catalogue item after the change. 变更后的兑换品' })
export class RedemptionItemPayload {
  @Field(() => RedemptionItem, { description: 'The item. 兑换品' })
  item: RedemptionItem;
}

@ObjectType({ description: 'The redemption, with the account and item after it. 兑换结果' })
export class RedeemPayload {
  @Field(() => Redemption, { description: 'The redemption. 兑换记录' })
  redemption: Redemption;

  @Field(() => PointAccount, { description: 'The account debited. 账户' })
  account: PointAccount;

  @Field(() => RedemptionItem, { description: 'The item, with its stock. 兑换品' })
  item: RedemptionItem;
}
