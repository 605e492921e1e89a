import { useQuery } from '@apollo/client/react';
import { ConsolePointsDocument } from '@lianxin/client';
import { Card, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError';
import { useViewer } from '../viewer';

/** My points (双积分) and the village's leaderboard of this month (积分月度公示). */
export default function PointsScreen() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const villageCode = (viewer.person?.gridCode ?? viewer.areaCode).slice(0, 12);
  const month = new Date().toISOString().slice(0, 7);
  const { data, error, loading } = useQuery(ConsolePointsDocument, { variables: { villageCode, month } });
  if (error && !data) return <QueryError error={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {(data?.myPointAccounts ?? []).map((account) => (
          <Card key={account.id} size="small">
            <Statistic title={t(`points.kind${account.kind}`, { defaultValue: account.kind })} value={account.balance} />
          </Card>
        ))}
        {viewer.volunteer && (
          <Card size="small">
            <Statistic title={t('points.hours')} value={viewer.volunteer.serviceHours} />
          </Card>
        )}
      </Space>
      <Table
        data-testid="leaderboard"
        size="small"
        loading={loading}
        title={() => t('points.leaderboard')}
        rowKey="rank"
        pagination={false}
        dataSource={data?.leaderboard.entries ?? []}
        columns={[
          { title: t('points.rank'), dataIndex: 'rank', key: 'rank' },
          { title: t('points.name'), key: 'name', render: (_, entry) => entry.person.name },
          { title: t('points.points'), dataIndex: 'points', key: 'points' },
        ]}
      />
    </Space>
  );
}
