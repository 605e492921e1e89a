import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { AuditAction, PersonalDataField, REVEALABLE_FIELDS } from './audit-enums.js';

@InputType({ description: 'Ask for the clear ID or phone number of a person in your area; always audited. 查看个人信息明文（留痕）' })
export class RevealPersonalDataInput {
  @Field(() => ID, { description: 'Person id. 人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => PersonalDataField, { description: 'Which field: ID_NUMBER or PHONE. 字段（身份证号或手机号）' })
  @IsIn(REVEALABLE_FIELDS, { message: 'only ID_NUMBER and PHONE can be revealed' })
  field: PersonalDataField;

  @Field({ description: 'Why you need it (4–200 characters), kept in the audit log. 用途（4–200字，记入审计）' })
  @Length(4, 200)
  purpose: string;
}

@InputType({ description: 'Filter for the audit log. 审计记录筛选' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only about this person. 涉及人员' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @Field({ nullable: true, description: 'Only by this user (Keycloak subject). 操作人用户ID' })
  @IsOptional()
  @Length(1, 100)
  actorUserId?: string;

  @Field(() => AuditAction, { nullable: true, description: 'Only this action. 操作类型' })
  @IsOptional()
  @IsEnum(AuditAction)
  action?: AuditAction;

  @Field({ nullable: true, description: 'Only allowed (true) or refused (false) attempts. 是否准许' })
  @IsOptional()
  @IsBoolean()
  allowed?: boolean;

  @Field({ nullable: true, description: 'From this time on. 起始时间' })
  @IsOptional()
  since?: Date;

  @Field({ nullable: true, description: 'Before this time. 截止时间' })
  @IsOptional()
  before?: Date;
}
