import { registerEnumType } from '@nestjs/graphql';

export enum PersonalDataField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
  SENSITIVE_TAGS = 'SENSITIVE_TAGS',
  ACCOUNT = 'ACCOUNT',
  LEDGER = 'LEDGER',
}

/** The fields revealPersonalData gives in clear. */
export const REVEALABLE_FIELDS = [PersonalDataField.ID_NUMBER, PersonalDataField.PHONE] as const;

export enum AuditAction {
  REVEAL = 'REVEAL',
  LOOKUP_BY_ID_NUMBER = 'LOOKUP_BY_ID_NUMBER',
  ID_NUMBER_MATCH = 'ID_NUMBER_MATCH',
  SENSITIVE_TAG_LIST = 'SENSITIVE_TAG_LIST',
  SENSITIVE_TAG_STATISTICS = 'SENSITIVE_TAG_STATISTICS',
  ACCOUNT_LINK = 'ACCOUNT_LINK',
  ACCOUNT_UNLINK = 'ACCOUNT_UNLINK',
  LINK_CODE_ISSUE = 'LINK_CODE_ISSUE',
  LINK_CODE_REDEEM = 'LINK_CODE_REDEEM',
  KEY_ROTATION = 'KEY_ROTATION',
  EXPORT = 'EXPORT',
}

registerEnumType(PersonalDataField, {
  name: 'PersonalDataField',
  description: 'A protected personal-data field. 受保护的个人信息字段',
  valuesMap: {
    ID_NUMBER: { description: 'Resident ID number. 身份证号' },
    PHONE: { description: 'Phone number. 手机号' },
    SENSITIVE_TAGS: { description: 'Special-population tags (audit log only; not revealable). 敏感人群标签（仅用于审计）' },
    ACCOUNT: { description: 'The link between a login and a person (audit log only; not revealable). 账号与人员关联（仅用于审计）' },
    LEDGER: { description: 'A ledger as the exporter reads it, numbers masked (audit log only). 台账（脱敏，仅用于审计）' },
  },
});

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What was done with protected personal data. 操作类型',
  valuesMap: {
    REVEAL: { description: 'Asked for the clear value. 查看明文' },
    LOOKUP_BY_ID_NUMBER: { description: 'Looked a person up by ID number (with the purpose, if given). 按身份证号查询' },
    ID_NUMBER_MATCH: { description: 'A registration or import named an ID number already registered. 登记/导入的身份证号已存在' },
    SENSITIVE_TAG_LIST: { description: 'Listed persons filtered by a sensitive tag (filter and row count kept). 按敏感标签筛选人员' },
    SENSITIVE_TAG_STATISTICS: { description: 'Read population counts grouped by sensitive tags. 按敏感标签统计人口' },
    ACCOUNT_LINK: { description: 'Linked a login to a person after checking the ID number. 关联账号' },
    ACCOUNT_UNLINK: { description: 'Removed the link between a login and a person. 解除账号关联' },
    LINK_CODE_ISSUE: { description: 'Issued a one-time link code for a person. 发放关联码' },
    LINK_CODE_REDEEM: { description: 'Redeemed (or tried) a one-time link code. 使用关联码' },
    KEY_ROTATION: {
      description:
        'Re-sealed ID and phone numbers with the current personal-data key, or checked which are not yet (rotate-data-key; counts in filter). 个人信息密钥轮换（重新加密身份证号和手机号，或检查尚未轮换的记录；计数见筛选条件）',
    },
    EXPORT: { description: 'Exported a ledger with the exporter\'s masking (filter and row count kept). 导出台账（脱敏，记录筛选条件和行数）' },
  },
});
