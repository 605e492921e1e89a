/** Chinese (Simplified) — the first language. Every string the console shows has its key here and in en.ts. */
const zhCN = {
  app: { title: '连心 · 网格化治理', loading: '加载中…', language: 'English', logout: '退出登录', login: '登录', loginHint: '请使用统一身份认证登录', error: '出错了', retry: '重试', noRole: '您的账号没有可用的工作台', offline: '离线', online: '在线', skip: '跳到主要内容', navigation: '主导航' },
  nav: { myGrid: '我的网格', due: '今日待办', record: '走访巡查', myCases: '我的事项', board: '事项看板', overdue: '超期事项', map: '网格地图', dashboard: '统计分析', queue: '部门待办', report: '我要反映', orders: '服务单', points: '我的积分', audit: '审计日志' },
  viewer: { greeting: '您好，{{name}}', area: '管辖区划：{{area}}', roles: '角色：{{roles}}' },
  role: { 'county-admin': '区县管理员', 'township-admin': '乡镇（街道）管理员', 'village-admin': '村（社区）管理员', 'grid-leader': '网格长', 'grid-worker': '网格员', 'department-staff': '部门工作人员', volunteer: '志愿者', resident: '居民', auditor: '审计员' },
  grid: { households: '住户', focusPeople: '重点人员', keyPlaces: '重点场所', count: '共 {{count}} 项', noGrid: '您当前没有服务的网格', address: '地址', head: '户主', number: '户号', name: '姓名', tags: '标签', kind: '类别', pick: '选择网格' },
  due: { care: '关爱走访（四个一）', awaiting: '待我办理', overdue: '超期事项', none: '暂无' },
  record: { visit: '入户走访', patrol: '场所巡查', hazard: '隐患上报', household: '走访住户', findings: '走访情况', keyPlace: '巡查场所', notes: '巡查记录', category: '隐患类别', severity: '严重程度', description: '隐患描述', submit: '保存', queued: '已保存，将在联网后发送', sent: '已发送', queue: '待发送队列（{{count}}）', queueEmpty: '全部已发送', sendNow: '立即发送', failed: '发送失败：{{reason}}', pending: '待发送', kindVisit: '走访', kindPatrol: '巡查', kindHazard: '隐患', required: '必填', photos: '照片', photoCount: '{{count}} 张照片', hazards: '本网格隐患' },
  cases: { number: '编号', title: '标题', status: '状态', level: '办理层级', dueAt: '期限', overdue: '超期', reportedAt: '反映时间', actions: '操作', detail: '事项详情', history: '办理记录', description: '描述', result: '办理结果', feedback: '反馈', none: '暂无事项', live: '实时', refresh: '刷新', total: '共 {{count}} 件', category: '类别', rating: '评价', photos: '照片', filterOverdue: '只看超期' },
  action: { VERIFY: '核实', RETURN: '解释退回', SCHEDULE: '限时办理', ESCALATE: '提级上报', PLACE_ORDER: '下单', DISPATCH: '派单', ACCEPT: '接单', SEND_BACK: '退回', RESOLVE: '办结', FEED_BACK: '反馈', RATE: '评价', MERGE: '合并', SUPERVISE: '督办', REPORT: '反映', REOPEN: '重新办理', MARK_OVERDUE: '标记超期', OVERDUE_ESCALATE: '超期上提', done: '操作成功', reason: '原因', note: '备注', department: '承办部门', resultText: '办理结果', feedbackText: '反馈内容', instruction: '督办要求', rating: '满意度', comment: '评价意见', confirm: '确定', cancel: '取消', photos: '办结照片', attachPending: '已办结，但 {{count}} 张照片未能附加。照片已保留，请重新附加（关闭此窗口则不再附加）。', retryAttach: '重新附加照片' },
  status: { REPORTED: '已反映', VERIFIED: '已核实', RETURNED: '已退回', ESCALATED: '已上报', DISPATCHED: '已派单', SENT_BACK: '部门退回', IN_PROGRESS: '办理中', RESOLVED: '已办结', FED_BACK: '已反馈', CLOSED: '已关闭', MERGED: '已合并' },
  levelName: { GRID: '网格', VILLAGE: '村（社区）', TOWNSHIP: '乡镇（街道）', COUNTY: '区县', DEPARTMENT: '部门' },
  rating: { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', UNSATISFIED: '不满意' },
  report: { title: '标题', description: '详细描述', category: '事项类别', grid: '所在网格', address: '地点', anonymous: '匿名反映', submit: '提交', done: '已提交，编号 {{number}}', photos: '照片' },
  map: { legend: '图例', legendOpen: '有在办事项', legendOverdue: '有超期事项', legendNone: '无在办事项', noBoundary: '该区域的网格没有边界数据', openCases: '在办 {{count}}' },
  dashboard: { reported: '受理', resolved: '办结', onTimeRate: '按期办结率', satisfactionRate: '满意率', overdue: '超期', levels: '办结层级', byTownship: '各乡镇（街道）', byStatus: '状态分布', trend: '近六个月趋势', period: '统计期间' },
  queue: { title: '本部门待办' },
  orders: { title: '待认领服务单', claim: '认领', claimed: '已认领', deadline: '截止', mine: '我认领的', status: '状态' },
  orderStatus: { OPEN: '待认领', CLAIMED: '已认领', COMPLETED: '已完成', CONFIRMED: '已确认', EXPIRED: '已过期' },
  care: { VISIT: '走访', BIRTHDAY: '过生日', HOUSEWORK: '做家务', PROBLEM_SOLVED: '解难题' },
  points: { balance: '积分余额', leaderboard: '本月积分榜', rank: '名次', name: '姓名', points: '本月积分', hours: '服务时长（小时）', kindCIVIC: '文明积分', kindPARTY: '党员积分' },
  hazardCategory: { FIRE: '消防', GAS: '燃气', ELECTRIC_BIKE_CHARGING: '电动车充电', STRUCTURAL: '房屋结构', FLOOD: '防汛', PUBLIC_ORDER: '治安', OTHER: '其他' },
  severity: { LOW: '一般', MEDIUM: '较大', HIGH: '重大' },
  media: { purposeREPORT: '上报', purposeRESOLUTION: '办结', purposeOTHER: '其他' },
  audit: { at: '时间', action: '操作', actor: '操作人', field: '字段', allowed: '结果', purpose: '用途', allowedYes: '允许', allowedNo: '拒绝' },
};

export default zhCN;
export type Messages = typeof zhCN;
