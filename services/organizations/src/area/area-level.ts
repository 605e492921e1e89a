import { registerEnumType } from '@nestjs/graphql';

export enum AreaLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

registerEnumType(AreaLevel, {
  name: 'AreaLevel',
  description: 'Administrative level, with the code length. 行政层级',
  valuesMap: {
    PROVINCE: { description: 'Province, 2 digits. 省' },
    CITY: { description: 'City or prefecture, 4 digits. 市/州' },
    COUNTY: { description: 'County or district, 6 digits. 县/区' },
    TOWNSHIP: { description: 'Township or subdistrict, 9 digits. 乡镇/街道' },
    VILLAGE: { description: 'Village or community, 12 digits. 村/社区' },
  },
});
