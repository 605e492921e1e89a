import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { CjkFont } from './cjk-font.js';
import type { MonthlyFigures } from './monthly-report.figures.js';

/**
 * The two files of a monthly report from its figures (pure: no database, no store). Rates as
 * percentages with one decimal ("87.5%"), "—" where a rate has no base; both files show the same text.
 */

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function change(count: number, previous: number): string {
  if (previous === 0) return count > 0 ? '新增' : '—';
  const delta = (count - previous) / previous;
  return `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)}%`;
}

const LEVEL_ZH: Record<string, string> = { GRID: '网格', VILLAGE: '村（社区）', TOWNSHIP: '乡镇（街道）', DEPARTMENT: '部门', COUNTY: '县（区）' };
const STATUS_ZH: Record<string, string> = { OPEN: '待签收', ACKNOWLEDGED: '已签收' };

export function reportTitle(figures: Pick<MonthlyFigures, 'areaCode' | 'month'>): string {
  const [year, month] = figures.month.split('-');
  return `${figures.areaCode.length === 6 ? '县（区）' : '乡镇（街道）'} ${figures.areaCode} ${year}年${Number(month)}月 网格事项分析报告`;
}

/** The headline rows: label and value, in the order both files show them. */
export function headlineRows(figures: MonthlyFigures): Array<[string, string]> {
  const h = figures.headline;
  return [
    ['受理事项数', String(h.reported)],
    ['办结数', String(h.resolved)],
    ['按时办结数', String(h.resolvedOnTime)],
    ['超期事项数', String(h.overdue)],
    ['按时办结率', percent(h.onTimeRate)],
    ['满意率', percent(h.satisfactionRate)],
    ['重办率', percent(h.reopenRate)],
    ['小事不出网格率', percent(h.gridShare)],
    ['大事不出社区率', percent(h.withinVillageShare)],
    ['难事不出乡镇率', percent(h.withinTownshipShare)],
  ];
}

interface Section {
  title: string;
  header: string[];
  rows: string[][];
  empty: string;
}

export function sections(figures: MonthlyFigures): Section[] {
  return [
    { title: '一、主要指标', header: ['指标', '数值'], rows: headlineRows(figures), empty: '' },
    {
      title: '二、事项类别排行（与上月比较）',
      header: ['类别', '本月', '上月', '变化'],
      rows: figures.categories.map((c) => [c.name, String(c.count), String(c.previous), change(c.count, c.previous)]),
      empty: '本月无事项',
    },
    {
      title: '三、热点网格',
      header: ['网格编码', '网格名称', '受理事项数'],
      rows: figures.hotSpots.map((s) => [s.gridCode, s.name ?? '', String(s.reported)]),
      empty: '本月无事项',
    },
    {
      title: '四、超期事项承办主体（当前）',
      header: ['承办主体', '层级', '超期未办结'],
      rows: figures.overdueHolders.map((o) => [o.holder, LEVEL_ZH[o.level] ?? o.level, String(o.open)]),
      empty: '无超期未办结事项',
    },
    {
      title: '五、未关闭的预警',
      header: ['规则', '层级', '区域', '摘要', '状态'],
      rows: (figures.warnings ?? []).map((w) => [w.rule, LEVEL_ZH[w.level] ?? w.level, w.areaCode, w.summary, STATUS_ZH[w.status] ?? w.status]),
      empty: figures.warnings === null ? '预警数据暂不可读' : '无未关闭的预警',
    },
  ];
}

export async function renderXlsx(figures: MonthlyFigures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheetNames = ['主要指标', '类别排行', '热点网格', '超期承办主体', '预警'];
  sections(figures).forEach((section, i) => {
    const sheet = workbook.addWorksheet(sheetNames[i]);
    sheet.addRow([reportTitle(figures)]).font = { bold: true };
    sheet.addRow([`统计期间 ${figures.from} 至 ${figures.to}`]);
    sheet.addRow([]);
    sheet.addRow(section.header).font = { bold: true };
    if (section.rows.length === 0) sheet.addRow([section.empty]);
    for (const row of section.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 18));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderPdf(figures: MonthlyFigures, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: reportTitle(figures), Creator: 'Lianxin 连心' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family as string);
  doc.font('cjk');
  doc.fontSize(16).text(reportTitle(figures), { align: 'center' });
  doc.fontSize(10).text(`统计期间 ${figures.from} 至 ${figures.to}`, { align: 'center' });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const section of sections(figures)) {
    doc.moveDown(1);
    doc.fontSize(12).text(section.title, left);
    doc.moveDown(0.3);
    doc.fontSize(9);
    const columns = section.header.length;
    const columnWidth = width / columns;
    const line = (cells: string[]) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.text(cell, left + i * columnWidth, y, { width: columnWidth - 6 });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 2;
    };
    line(section.header);
    if (section.rows.length === 0) line([section.empty]);
    section.rows.forEach(line);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
