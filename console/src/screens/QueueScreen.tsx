import { useQuery } from '@apollo/client/react';
import { ConsoleDepartmentQueueDocument } from '@lianxin/client';
import { Button, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseList } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { useLive } from '../live';
import { useViewer } from '../viewer';

/** Department staff: cases dispatched to the department — accept, send back with a reason, resolve. */
export default function QueueScreen() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const code = viewer.departmentCode;
  const { data, error, loading, refetch } = useQuery(ConsoleDepartmentQueueDocument, { variables: { departmentCode: code ?? '', first: 100 }, skip: !code, pollInterval: 60000 });
  useLive('CasesAwaitingMyAction', {}, () => void refetch(), Boolean(code));
  if (!code) return <Empty />;
  if (error && !data) return <QueryError error={error} />;
  return (
    <>
      <Button size="small" onClick={() => void refetch()}>{t('cases.refresh')}</Button>
      <CaseList testId="queue" loading={loading && !data} cases={data?.departmentQueue.edges.map((edge) => edge.node) ?? []} onChanged={() => void refetch()} />
    </>
  );
}
