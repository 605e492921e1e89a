import { useApolloClient, useQuery } from '@apollo/client/react';
import { ConsoleStatisticsDocument } from '@lianxin/client';
import { Card, Col, Row, Statistic } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError';
import { useViewer } from '../viewer';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function Chart({ option, testId }: { option: echarts.EChartsCoreOption; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="lx-chart" data-testid={testId} />;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const percent = (value: number | null | undefined) => (value == null ? '—' : `${(value * 100).toFixed(1)}%`);

/** Last six months, one period each (the statistics come from counters, so six reads are cheap). */
function useTrend(areaCode: string) {
  const client = useApolloClient();
  const [trend, setTrend] = useState<Array<{ month: string; reported: number; resolved: number }>>([]);
  useEffect(() => {
    const now = new Date();
    const months = Array.from({ length: 6 }, (_, index) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5 + index, 1)));
    void Promise.all(
      months.map(async (start) => {
        const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
        const result = await client.query({ query: ConsoleStatisticsDocument, variables: { areaCode, period: { from: day(start), to: day(end) } } });
        const stats = result.data?.area.caseStats;
        return { month: day(start).slice(0, 7), reported: stats?.reported ?? 0, resolved: stats?.resolved ?? 0 };
      }),
    ).then(setTrend, () => setTrend([]));
  }, [client, areaCode]);
  return trend;
}

/** County statistics: reported, resolved, on-time and satisfaction rates, where resolved, by township, trend. */
export default function DashboardScreen() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const now = new Date();
  const period = { from: `${now.getUTCFullYear()}-01-01`, to: day(now) };
  const { data, error } = useQuery(ConsoleStatisticsDocument, { variables: { areaCode: viewer.areaCode, period } });
  const trend = useTrend(viewer.areaCode);
  if (error && !data) return <QueryError error={error} />;
  const stats = data?.area.caseStats;
  const children = data?.area.children.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('dashboard.reported')} value={stats?.reported ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('dashboard.resolved')} value={stats?.resolved ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('dashboard.onTimeRate')} value={percent(stats?.onTimeRate)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('dashboard.satisfactionRate')} value={percent(stats?.satisfactionRate)} data-testid="satisfaction" /></Card></Col>
      </Row>
      {stats && (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('dashboard.levels')}>
              <Chart
                testId="chart-levels"
                option={{
                  tooltip: { trigger: 'item' },
                  series: [{ type: 'pie', radius: ['40%', '70%'], data: [
                    { name: t('levelName.GRID'), value: stats.resolutionLevels.grid },
                    { name: t('levelName.VILLAGE'), value: stats.resolutionLevels.village },
                    { name: t('levelName.TOWNSHIP'), value: stats.resolutionLevels.township },
                    { name: t('levelName.COUNTY'), value: stats.resolutionLevels.above },
                  ] }],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('dashboard.byTownship')}>
              <Chart
                testId="chart-townships"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: {},
                  xAxis: { type: 'category', data: children.map((child) => child.name) },
                  yAxis: { type: 'value' },
                  series: [
                    { name: t('dashboard.reported'), type: 'bar', data: children.map((child) => child.caseStats.reported) },
                    { name: t('dashboard.resolved'), type: 'bar', data: children.map((child) => child.caseStats.resolved) },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('dashboard.trend')}>
              {trend.length > 0 && <Chart
                testId="chart-trend"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: {},
                  xAxis: { type: 'category', data: trend.map((entry) => entry.month) },
                  yAxis: { type: 'value' },
                  series: [
                    { name: t('dashboard.reported'), type: 'line', data: trend.map((entry) => entry.reported) },
                    { name: t('dashboard.resolved'), type: 'line', data: trend.map((entry) => entry.resolved) },
                  ],
                }}
              />}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
