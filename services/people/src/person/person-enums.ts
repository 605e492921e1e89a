import { registerEnumType } from '@nestjs/graphql';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum ResidenceStatus {
  REGISTERED_RESIDENT = 'REGISTERED_RESIDENT',
  FLOATING = 'FLOATING',
  AWAY = 'AWAY',
}

registerEnumType(Sex, {
  name: 'Sex',
  description: 'Sex as registered. 性别',
  valuesMap: { MALE: { description: 'Male. 男' }, FEMALE: { description: 'Female. 女' } },
});

registerEnumType(ResidenceStatus, {
  name: 'ResidenceStatus',
  description: 'How the person lives in the grid. 居住状态',
  valuesMap: {
    REGISTERED_RESIDENT: { description: 'Household registered and living here. 户籍人口（常住）' },
    FLOATING: { description: 'Living here without household registration: floating population. 流动人口（外来）' },
    AWAY: { description: 'Registered here but living elsewhere, e.g. working away. 外出（人户分离）' },
  },
});
