/** The demo county's community officers (建设街道 330402001, its three communities × three grids) and patrols. */
export interface DemoOfficer {
  gridCode: string;
  name: string;
  badgeNumber: string;
  phone: string;
  policeStation: string;
}

export interface DemoPatrol {
  gridCode: string;
  route: string;
  findings: string | null;
  daysAgo: number;
  hour: number;
}

const STATION_BY_VILLAGE: Record<string, string> = {
  '330402001001': '建设派出所', // 禾兴社区
  '330402001002': '建设派出所', // 紫阳社区
  '330402001003': '城南派出所', // 南溪社区
};

const NAMES = ['王建国', '李明辉', '张伟', '陈静', '刘洋', '杨帆', '赵磊', '周婷', '吴强'];

export const DEMO_OFFICERS: DemoOfficer[] = Object.keys(STATION_BY_VILLAGE).flatMap((villageCode, village) =>
  [1, 2, 3].map((grid) => {
    const n = village * 3 + grid;
    return {
      gridCode: `${villageCode}00${grid}`,
      name: NAMES[n - 1],
      badgeNumber: `0451${String(n).padStart(2, '0')}`,
      phone: `138573010${String(n).padStart(2, '0')}`,
      policeStation: STATION_BY_VILLAGE[villageCode],
    };
  }),
);

export const DEMO_PATROLS: DemoPatrol[] = [
  { gridCode: '330402001001001', route: '禾兴路—中环南路沿街商铺', findings: '两处电动车楼道充电，已当场劝导', daysAgo: 1, hour: 20 },
  { gridCode: '330402001001001', route: '禾兴小区出租屋集中区', findings: null, daysAgo: 4, hour: 21 },
  { gridCode: '330402001001002', route: '禾兴农贸市场及周边', findings: '摊位占道经营，已通知城管', daysAgo: 2, hour: 9 },
  { gridCode: '330402001002001', route: '紫阳街娱乐场所', findings: '无异常', daysAgo: 3, hour: 22 },
  { gridCode: '330402001002003', route: '紫阳老旧小区楼道', findings: '一处消防通道堵塞，已督促清理', daysAgo: 5, hour: 19 },
  { gridCode: '330402001003002', route: '南溪河堤沿线', findings: '堤岸护栏松动，已上报', daysAgo: 6, hour: 16 },
];

/** Postings of the demo officers started this long ago. */
export const DEMO_POSTING_DAYS_AGO = 180;
