import { useQuery } from '@apollo/client/react';
import { ConsoleCareDueDocument, ConsoleDueTodayDocument } from '@lianxin/client';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseList } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { useLive } from '../live';
import { hasRole, useViewer } from '../viewer';

/**
 * What is due: care visits (四个一, overdue and today), cases waiting for my action (soonest deadline
 * first) and overdue cases in my scope.
 */
export default function DueScreen() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { data, error, loading, refetch } = useQuery(ConsoleDueTodayDocument, { variables: { first: 50 }, pollInterval: 60000 });
  useLive('CasesAwaitingMyAction', {}, () => void refetch());
  const care = useQuery(ConsoleCareDueDocument, { skip: !hasRole(viewer, 'grid-worker', 'grid-leader') });
  if (error && !data) return <QueryError error={error} />;
  const refresh = () => void refetch();
  const slots = [...(care.data?.careDue.overdue ?? []).map((slot) => ({ ...slot, overdue: true })), ...(care.data?.careDue.today ?? []).map((slot) => ({ ...slot, overdue: false }))];
  return (
    <>
      {care.data && (
        <>
          <h2 className="lx-subtitle">{t('due.care')} ({slots.length})</h2>
          <ul className="lx-list" data-testid="care-due">
            {slots.map((slot) => (
              <li key={slot.id}>
                <strong>{slot.person?.name ?? slot.household.address} · {t(`care.${slot.kind}`, { defaultValue: slot.kind })}</strong>
                <span>{slot.overdue ? `${t('cases.overdue')} · ` : ''}{slot.dueDate} · {slot.household.address}</span>
              </li>
            ))}
            {slots.length === 0 && <li><span>{t('due.none')}</span></li>}
          </ul>
        </>
      )}
      <Typography.Title level={5}>{t('due.awaiting')} ({data?.viewer.awaitingMyAction.totalCount ?? 0})</Typography.Title>
      <CaseList compact testId="awaiting" loading={loading} cases={data?.viewer.awaitingMyAction.edges.map((edge) => edge.node) ?? []} onChanged={refresh} />
      <Typography.Title level={5}>{t('due.overdue')} ({data?.overdue.totalCount ?? 0})</Typography.Title>
      <CaseList compact testId="overdue" loading={loading} cases={data?.overdue.edges.map((edge) => edge.node) ?? []} onChanged={refresh} />
    </>
  );
}
