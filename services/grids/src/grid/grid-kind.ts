import { registerEnumType } from '@nestjs/graphql';

export enum GridKind {
  URBAN = 'URBAN',
  RURAL = 'RURAL',
  DEDICATED = 'DEDICATED',
}

registerEnumType(GridKind, {
  name: 'GridKind',
  description: 'Kind of grid. 网格类型',
  valuesMap: {
    URBAN: { description: 'Urban community grid, about 300–500 households or 1,000 people. 城市社区网格' },
    RURAL: { description: 'Rural grid: an administrative or natural village, or a villagers\' group. 农村网格' },
    DEDICATED: { description: 'Dedicated grid: an institution, industrial park, factory, campus or office tower. 专属网格' },
  },
});
