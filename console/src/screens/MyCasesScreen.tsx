import { useQuery } from '@apollo/client/react';
import { ConsoleCasesDocument, ConsoleMyCasesDocument } from '@lianxin/client';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseList } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { useLive } from '../live';
import { hasRole, useViewer } from '../viewer';

/** Grid staff: the cases of their grid; residents and volunteers: the cases they reported. */
export default function MyCasesScreen() {
  const viewer = useViewer();
  return hasRole(viewer, 'grid-worker', 'grid-leader') ? <GridCases /> : <ReportedCases />;
}

function GridCases() {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(ConsoleCasesDocument, { variables: { first: 50 }, pollInterval: 60000 });
  // A resident's new report shows up at once: the grid's board is live (caseBoard).
  useLive('CaseBoard', {}, () => void refetch());
  if (error && !data) return <QueryError error={error} />;
  return (
    <>
      <Button size="small" onClick={() => void refetch()}>{t('cases.refresh')}</Button>
      <CaseList compact testId="my-cases" loading={loading} cases={data?.cases.edges.map((edge) => edge.node) ?? []} onChanged={() => void refetch()} />
    </>
  );
}

function ReportedCases() {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(ConsoleMyCasesDocument, { variables: { first: 50 }, pollInterval: 60000 });
  const viewer = useViewer();
  useLive('MyCaseProgress', {}, () => void refetch(), hasRole(viewer, 'resident'));
  if (error && !data) return <QueryError error={error} />;
  return (
    <>
      <Button size="small" onClick={() => void refetch()}>{t('cases.refresh')}</Button>
      <CaseList compact testId="my-cases" loading={loading} cases={data?.viewer.myCases.edges.map((edge) => edge.node) ?? []} onChanged={() => void refetch()} />
    </>
  );
}
