import { useQuery } from '@apollo/client/react';
import { ConsoleDueTodayDocument } from '@lianxin/client';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseList } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { useLive } from '../live';

/** What is due: cases waiting for my action (soonest deadline first) and overdue cases in my scope. */
export default function DueScreen() {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(ConsoleDueTodayDocument, { variables: { first: 50 }, pollInterval: 60000 });
  useLive('CasesAwaitingMyAction', {}, () => void refetch());
  if (error && !data) return <QueryError error={error} />;
  const refresh = () => void refetch();
  return (
    <>
      <Typography.Title level={5}>{t('due.awaiting')} ({data?.viewer.awaitingMyAction.totalCount ?? 0})</Typography.Title>
      <CaseList compact testId="awaiting" loading={loading} cases={data?.viewer.awaitingMyAction.edges.map((edge) => edge.node) ?? []} onChanged={refresh} />
      <Typography.Title level={5}>{t('due.overdue')} ({data?.overdue.totalCount ?? 0})</Typography.Title>
      <CaseList compact testId="overdue" loading={loading} cases={data?.overdue.edges.map((edge) => edge.node) ?? []} onChanged={refresh} />
    </>
  );
}
