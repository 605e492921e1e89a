import ExcelJS from 'exceljs';
import { findCjkFont, MissingCjkFontError } from './cjk-font.js';
import { monthPeriod, previousMonth, type MonthlyFigures } from './monthly-report.figures.js';
import { headlineRows, percent, renderPdf, renderXlsx, reportTitle } from './monthly-report.render.js';

const figures: MonthlyFigures = {
  areaCode: '330402001',
  month: '2026-02',
  from: '2026-02-01',
  to: '2026-02-28',
  headline: { reported: 120, resolved: 100, resolvedOnTime: 87, overdue: 5, onTimeRate: 0.87, satisfactionRate: 0.9234, reopenRate: null, gridShare: 0.5, withinVillageShare: 0.8, withinTownshipShare: 0.95 },
  categories: [{ code: 'ENVIRONMENT', name: '环境卫生', count: 30, previous: 20 }],
  hotSpots: [{ gridCode: '330402001001001', name: '一网格', reported: 12 }],
  overdueHolders: [{ holder: 'CIVIL_AFFAIRS', level: 'DEPARTMENT', open: 3 }],
  warnings: null,
};

describe('monthly report files (§8.4)', () => {
  it('months and periods', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2024-02').to).toBe('2024-02-29');
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('headline figures as both files show them', () => {
    expect(percent(0.9234)).toBe('92.3%');
    expect(percent(null)).toBe('—');
    expect(headlineRows(figures).slice(4, 7)).toEqual([
      ['按时办结率', '87.0%'],
      ['满意率', '92.3%'],
      ['重办率', '—'],
    ]);
    expect(reportTitle(figures)).toBe('乡镇（街道） 330402001 2026年2月 网格事项分析报告');
  });

  it('XLSX: one sheet per section; unreadable warnings are said so', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(figures)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['主要指标', '类别排行', '热点网格', '超期承办主体', '预警']);
    expect(workbook.getWorksheet('类别排行')!.getRow(5).values).toEqual([undefined, '环境卫生', '30', '20', '+50.0%']);
    expect(workbook.getWorksheet('预警')!.getRow(5).getCell(1).value).toBe('预警数据暂不可读');
  });

  it('PDF with the CJK font found at run time; a clear error when there is none', async () => {
    const pdf = await renderPdf(figures, findCjkFont());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(() => findCjkFont({}, () => false)).toThrow(MissingCjkFontError);
    expect(() => findCjkFont({}, () => false)).toThrow(/apt-get install fonts-noto-cjk/);
    expect(() => findCjkFont({ REPORT_CJK_FONT: '/nope.ttc' }, () => false)).toThrow(/\/nope\.ttc/);
  });
});
