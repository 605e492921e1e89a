import { useQuery } from '@apollo/client/react';
import { ConsoleAuditLogDocument } from '@lianxin/client';
import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../components/CaseList';
import { QueryError } from '../components/QueryError';
import { tone } from '../components/tone';

/** The personal-data audit log of the auditor's area (append-only, people subgraph). */
export default function AuditScreen() {
  const { t, i18n } = useTranslation();
  const { data, error, loading, fetchMore } = useQuery(ConsoleAuditLogDocument, { variables: { first: 50 } });
  if (error && !data) return <QueryError error={error} />;
  const page = data?.auditLog;
  return (
    <>
      <Table
        data-testid="audit-log"
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={page?.edges.map((edge) => edge.node) ?? []}
        columns={[
          { title: t('audit.at'), key: 'at', render: (_, entry) => formatTime(entry.at, i18n.language) },
          { title: t('audit.actor'), dataIndex: 'actorUsername', key: 'actor' },
          { title: t('audit.action'), dataIndex: 'action', key: 'action' },
          { title: t('audit.field'), dataIndex: 'field', key: 'field' },
          { title: t('audit.allowed'), key: 'allowed', render: (_, entry) => (entry.allowed ? <Tag style={tone('green')}>{t('audit.allowedYes')}</Tag> : <Tag style={tone('red')}>{t('audit.allowedNo')}</Tag>) },
          { title: t('audit.purpose'), key: 'purpose', render: (_, entry) => entry.purpose ?? entry.refusalReason ?? '' },
        ]}
      />
      {page?.pageInfo.hasNextPage && (
        <Button
          style={{ marginTop: 8 }}
          onClick={() =>
            void fetchMore({
              variables: { after: page.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({ auditLog: { ...fetchMoreResult.auditLog, edges: [...(previous.auditLog?.edges ?? []), ...fetchMoreResult.auditLog.edges] } }),
            })
          }
        >
          {t('cases.refresh')}
        </Button>
      )}
    </>
  );
}
