import { registerEnumType } from '@nestjs/graphql';

export enum PersonalDataField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}

export enum AuditAction {
  REVEAL = 'REVEAL',
  LOOKUP_BY_ID_NUMBER = 'LOOKUP_BY_ID_NUMBER',
}

registerEnumType(PersonalDataField, {
  name: 'PersonalDataField',
  description: 'A protected personal-data field. 受保护的个人信息字段',
  valuesMap: { ID_NUMBER: { description: 'Resident ID number. 身份证号' }, PHONE: { description: 'Phone number. 手机号' } },
});

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What was done with protected personal data. 操作类型',
  valuesMap: {
    REVEAL: { description: 'Asked for the clear value. 查看明文' },
    LOOKUP_BY_ID_NUMBER: { description: 'Looked a person up by ID number. 按身份证号查询' },
  },
});
