import { useQuery } from '@apollo/client/react';
import { ConsoleCasesDocument, type CaseStatus } from '@lianxin/client';
import { Badge, Button, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseList } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { useLive } from '../live';

const GROUPS: Record<string, CaseStatus[] | undefined> = {
  open: ['REPORTED', 'VERIFIED', 'ESCALATED', 'SENT_BACK', 'IN_PROGRESS', 'DISPATCHED', 'RESOLVED', 'FED_BACK'],
  REPORTED: ['REPORTED'],
  ESCALATED: ['ESCALATED', 'SENT_BACK'],
  DISPATCHED: ['DISPATCHED', 'IN_PROGRESS'],
  RESOLVED: ['RESOLVED', 'FED_BACK'],
  CLOSED: ['CLOSED'],
};

/**
 * The case board of a village, township or county: live through the gateway's caseBoard subscription
 * (every change reads the list again), with a slow poll as a safety net.
 */
export default function BoardScreen({ overdueOnly = false }: { overdueOnly?: boolean }) {
  const { t } = useTranslation();
  const [group, setGroup] = useState('open');
  const { data, error, loading, refetch } = useQuery(ConsoleCasesDocument, {
    variables: { first: 100, filter: { statuses: GROUPS[group], ...(overdueOnly ? { overdue: true } : {}) } },
    pollInterval: 60000,
  });
  useLive('CaseBoard', {}, () => void refetch());
  if (error && !data) return <QueryError error={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {!overdueOnly && (
          <Segmented
            value={group}
            onChange={(value) => setGroup(String(value))}
            options={Object.keys(GROUPS).map((key) => ({ value: key, label: key === 'open' ? t('cases.total', { count: data?.cases.totalCount ?? 0 }) : t(`status.${key}`) }))}
          />
        )}
        <Badge status="processing" text={t('cases.live')} />
        <Button size="small" onClick={() => void refetch()}>{t('cases.refresh')}</Button>
      </Space>
      <CaseList testId="board" loading={loading && !data} cases={data?.cases.edges.map((edge) => edge.node) ?? []} onChanged={() => void refetch()} />
    </Space>
  );
}
