import { Entity, Index, PrimaryKey, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { JSONScalar } from '../common/json.scalar.js';
import { CountySettingKeyEnum } from './county-settings.types.js';

/**
 * One change of one county setting (issue 15): the version, the value from its effective day on, the
 * value that was in force on that day before, who made it, when and why. Append-only (a trigger refuses
 * UPDATE and DELETE): the table is the settings' history and their audit at once.
 */
@Entity({ tableName: 'county_setting_change' })
@Trigger({ name: 'append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: "raise exception 'county_setting_change is append-only'" })
@Unique({ name: 'county_setting_change_version_unique', properties: ['countyCode', 'key', 'version'] })
@Index({ name: 'county_setting_change_lookup_index', properties: ['countyCode', 'key', 'effectiveFrom'] })
@ObjectType({ description: 'One versioned, audited change of a county setting. 县级配置变更记录' })
export class CountySettingChange {
  [OptionalProps]?: 'id' | 'changedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field({ description: 'Change id. 变更编号' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Field({ description: 'County (6-digit area code). 县（区）代码' })
  countyCode: string;

  @Property({ type: 'text' })
  @Field(() => CountySettingKeyEnum, { description: 'Which setting. 配置项' })
  key: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Version of this setting in this county (1, 2, …). 版本' })
  version: number;

  @Property({ type: 'date' })
  @Field({ description: 'First day (YYYY-MM-DD, China time) the value is in force. 生效日期' })
  effectiveFrom: string;

  @Property({ type: 'jsonb' })
  @Field(() => JSONScalar, { description: 'The new value. 新值' })
  value: unknown;

  @Property({ type: 'jsonb' })
  @Field(() => JSONScalar, { description: 'The value in force on the effective day before this change (the default when none was set). 原值' })
  previousValue: unknown;

  @Property({ type: 'text' })
  @Field({ description: 'Why. 变更理由' })
  reason: string;

  @Property({ type: 'text' })
  @Field({ description: 'Who changed it (account id). 变更人' })
  changedBy: string;

  @Property({ type: 'text' })
  @Field({ description: 'Who changed it (login name). 变更人账号' })
  changedByName: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 变更时间' })
  changedAt: Date = new Date();
}
