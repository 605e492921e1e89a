import { registerEnumType } from '@nestjs/graphql';

export enum KeyPlaceKind {
  RENTAL_HOUSING = 'RENTAL_HOUSING',
  ENTERTAINMENT = 'ENTERTAINMENT',
  OLD_COMPOUND = 'OLD_COMPOUND',
  FACTORY = 'FACTORY',
  SCHOOL = 'SCHOOL',
  MARKET = 'MARKET',
  OTHER = 'OTHER',
}

export enum HazardSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum HazardCategory {
  FIRE = 'FIRE',
  ELECTRIC_BIKE_CHARGING = 'ELECTRIC_BIKE_CHARGING',
  FLOOD = 'FLOOD',
  GAS = 'GAS',
  STRUCTURAL = 'STRUCTURAL',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
  OTHER = 'OTHER',
}

registerEnumType(KeyPlaceKind, {
  name: 'KeyPlaceKind',
  description: 'Kind of key place patrolled by grid staff. 重点场所类型',
  valuesMap: {
    RENTAL_HOUSING: { description: 'Rental housing. 出租屋' },
    ENTERTAINMENT: { description: 'Entertainment venue. 娱乐场所' },
    OLD_COMPOUND: { description: 'Old residential compound. 老旧小区' },
    FACTORY: { description: 'Factory or workshop. 厂房/作坊' },
    SCHOOL: { description: 'School or kindergarten. 学校/幼儿园' },
    MARKET: { description: 'Market. 市场' },
    OTHER: { description: 'Other. 其他' },
  },
});

registerEnumType(HazardSeverity, {
  name: 'HazardSeverity',
  description: 'How serious a hazard is. 隐患等级',
  valuesMap: {
    LOW: { description: 'Low. 一般' },
    MEDIUM: { description: 'Medium. 较大' },
    HIGH: { description: 'High: act now. 重大' },
  },
});

registerEnumType(HazardCategory, {
  name: 'HazardCategory',
  description: 'Kind of safety hazard. 隐患类别',
  valuesMap: {
    FIRE: { description: 'Fire risk, e.g. blocked exits, missing extinguishers. 消防隐患' },
    ELECTRIC_BIKE_CHARGING: { description: 'Electric bikes charged indoors or on stairs. 电动自行车违规充电' },
    FLOOD: { description: 'Flood risk, e.g. a leaking flood bank. 防汛隐患' },
    GAS: { description: 'Gas leaks or unsafe gas use. 燃气隐患' },
    STRUCTURAL: { description: 'Unsafe buildings or structures. 房屋结构隐患' },
    PUBLIC_ORDER: { description: 'Public order and security. 治安隐患' },
    OTHER: { description: 'Other. 其他' },
  },
});
