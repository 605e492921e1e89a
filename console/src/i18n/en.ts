import type { Messages } from './zh-CN';

/** English. The same keys as zh-CN.ts (the type and test/i18n.test.ts check it). */
const en: Messages = {
  app: { title: 'Lianxin · grid governance', loading: 'Loading…', language: '中文', logout: 'Sign out', login: 'Sign in', loginHint: 'Sign in with your government account', error: 'Something went wrong', retry: 'Retry', noRole: 'Your account has no workspace here', offline: 'Offline', online: 'Online', skip: 'Skip to main content', navigation: 'Main navigation' },
  nav: { myGrid: 'My grid', due: 'Due today', record: 'Visits & patrols', myCases: 'My cases', board: 'Case board', overdue: 'Overdue', map: 'Grid map', dashboard: 'Statistics', queue: 'Department queue', report: 'Report', orders: 'Service orders', points: 'My points', audit: 'Audit log' },
  viewer: { greeting: 'Hello, {{name}}', area: 'Area: {{area}}', roles: 'Roles: {{roles}}' },
  role: { 'county-admin': 'County admin', 'township-admin': 'Township admin', 'village-admin': 'Village admin', 'grid-leader': 'Grid leader', 'grid-worker': 'Grid worker', 'department-staff': 'Department staff', volunteer: 'Volunteer', resident: 'Resident', auditor: 'Auditor' },
  grid: { households: 'Households', focusPeople: 'Focus people', keyPlaces: 'Key places', count: '{{count}} in all', noGrid: 'You serve no grid at the moment', address: 'Address', head: 'Head', number: 'No.', name: 'Name', tags: 'Tags', kind: 'Kind', pick: 'Grid' },
  due: { care: 'Care visits', awaiting: 'Waiting for me', overdue: 'Overdue cases', none: 'Nothing' },
  record: { visit: 'Home visit', patrol: 'Patrol', hazard: 'Hazard', household: 'Household', findings: 'Findings', keyPlace: 'Key place', notes: 'Notes', category: 'Category', severity: 'Severity', description: 'Description', submit: 'Save', queued: 'Saved; it will be sent when online', sent: 'Sent', queue: 'Outbox ({{count}})', queueEmpty: 'Everything is sent', sendNow: 'Send now', failed: 'Not sent: {{reason}}', pending: 'Pending', kindVisit: 'Visit', kindPatrol: 'Patrol', kindHazard: 'Hazard', required: 'Required', photos: 'Photos', photoCount: '{{count}} photo(s)', hazards: 'Hazards in the grid' },
  cases: { number: 'Number', title: 'Title', status: 'Status', level: 'Level', dueAt: 'Due', overdue: 'Overdue', reportedAt: 'Reported', actions: 'Actions', detail: 'Case', history: 'History', description: 'Description', result: 'Result', feedback: 'Feedback', none: 'No cases', live: 'Live', refresh: 'Refresh', total: '{{count}} cases', category: 'Category', rating: 'Rating', photos: 'Photos', filterOverdue: 'Overdue only' },
  action: { VERIFY: 'Verify', RETURN: 'Return with reason', SCHEDULE: 'Schedule', ESCALATE: 'Escalate', PLACE_ORDER: 'Place order', DISPATCH: 'Dispatch', ACCEPT: 'Accept', SEND_BACK: 'Send back', RESOLVE: 'Resolve', FEED_BACK: 'Feed back', RATE: 'Rate', MERGE: 'Merge', SUPERVISE: 'Supervise', REPORT: 'Reported', REOPEN: 'Reopened', MARK_OVERDUE: 'Marked overdue', OVERDUE_ESCALATE: 'Escalated when overdue', done: 'Done', reason: 'Reason', note: 'Note', department: 'Department', resultText: 'Result', feedbackText: 'Feedback', instruction: 'Instruction', rating: 'Satisfaction', comment: 'Comment', confirm: 'OK', cancel: 'Cancel', photos: 'Photos of the result', attachPending: 'Done, but the {{count}} photo(s) could not be attached. They are kept here: attach them again (closing this dialog leaves them unattached).', retryAttach: 'Attach photos again' },
  status: { REPORTED: 'Reported', VERIFIED: 'Verified', RETURNED: 'Returned', ESCALATED: 'Escalated', DISPATCHED: 'Dispatched', SENT_BACK: 'Sent back', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved', FED_BACK: 'Fed back', CLOSED: 'Closed', MERGED: 'Merged' },
  levelName: { GRID: 'Grid', VILLAGE: 'Village', TOWNSHIP: 'Township', COUNTY: 'County', DEPARTMENT: 'Department' },
  rating: { SATISFIED: 'Satisfied', BASICALLY_SATISFIED: 'Basically satisfied', UNSATISFIED: 'Unsatisfied' },
  report: { title: 'Title', description: 'What happened', category: 'Category', grid: 'Grid', address: 'Where', anonymous: 'Anonymous', submit: 'Submit', done: 'Submitted as {{number}}', photos: 'Photos' },
  map: { legend: 'Legend', legendOpen: 'Open cases', legendOverdue: 'Overdue cases', legendNone: 'No open cases', noBoundary: 'The grids of this area have no boundary', openCases: '{{count}} open' },
  dashboard: { reported: 'Reported', resolved: 'Resolved', onTimeRate: 'On time', satisfactionRate: 'Satisfaction', overdue: 'Overdue', levels: 'Where resolved', byTownship: 'By township', byStatus: 'By status', trend: 'Last six months', period: 'Period' },
  queue: { title: 'Dispatched to my department' },
  orders: { title: 'Orders to claim', claim: 'Claim', claimed: 'Claimed', deadline: 'Deadline', mine: 'Claimed by me', status: 'Status' },
  orderStatus: { OPEN: 'Open', CLAIMED: 'Claimed', COMPLETED: 'Completed', CONFIRMED: 'Confirmed', EXPIRED: 'Expired' },
  care: { VISIT: 'Visit', BIRTHDAY: 'Birthday', HOUSEWORK: 'Housework', PROBLEM_SOLVED: 'Problem solved' },
  points: { balance: 'Balance', leaderboard: 'Leaderboard this month', rank: 'Rank', name: 'Name', points: 'Points this month', hours: 'Service hours', kindCIVIC: 'Civic points', kindPARTY: 'Party points' },
  hazardCategory: { FIRE: 'Fire', GAS: 'Gas', ELECTRIC_BIKE_CHARGING: 'E-bike charging', STRUCTURAL: 'Structural', FLOOD: 'Flood', PUBLIC_ORDER: 'Public order', OTHER: 'Other' },
  severity: { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' },
  media: { purposeREPORT: 'Reported', purposeRESOLUTION: 'Result', purposeOTHER: 'Other' },
  audit: { at: 'Time', action: 'Action', actor: 'Who', field: 'Field', allowed: 'Outcome', purpose: 'Purpose', allowedYes: 'Allowed', allowedNo: 'Refused' },
};

export default en;
