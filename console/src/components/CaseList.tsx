import type { ConsoleCaseRowFragment } from '@lianxin/client';
import { Button, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDrawer } from './CaseDrawer';
import { tone, type Tone } from './tone';

export type CaseRow = ConsoleCaseRowFragment;

const STATUS_TONE: Record<string, Tone | undefined> = { REPORTED: 'gold', VERIFIED: 'cyan', ESCALATED: 'orange', DISPATCHED: 'purple', IN_PROGRESS: 'blue', RESOLVED: 'green', FED_BACK: 'lime', CLOSED: undefined, RETURNED: undefined, SENT_BACK: 'magenta', MERGED: undefined };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag style={tone(STATUS_TONE[status])}>{t(`status.${status}`)}</Tag>;
}

function formatTime(value: string | null | undefined, language: string): string {
  return value ? new Date(value).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' }) : '—';
}

/** Cases as cards (phones) or a table (desks); a case opens in a drawer with the actions its state allows. */
export function CaseList({ cases, compact, onChanged, loading, testId }: { cases: readonly CaseRow[]; compact?: boolean; onChanged?: () => void; loading?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const drawer = open && <CaseDrawer caseId={open} onClose={() => setOpen(null)} onChanged={onChanged} />;
  if (compact) {
    return (
      <>
        <List
          data-testid={testId}
          loading={loading}
          locale={{ emptyText: <span className="lx-muted">{t('cases.none')}</span> }}
          dataSource={[...cases]}
          renderItem={(item) => (
            <List.Item key={item.id} data-testid="case-item" data-case-number={item.number} actions={[<Button key="open" size="small" onClick={() => setOpen(item.id)}>{t('cases.detail')}</Button>]}>
              <List.Item.Meta
                title={<span>{item.title}</span>}
                description={
                  <Space size={4} wrap>
                    <StatusTag status={item.status} />
                    {item.overdue && <Tag style={tone('red')}>{t('cases.overdue')}</Tag>}
                    <Typography.Text type="secondary">{item.number}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {drawer}
      </>
    );
  }
  return (
    <>
      <Table
        data-testid={testId}
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={[...cases]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <span className="lx-muted">{t('cases.none')}</span> }}
        onRow={(record) => ({ 'data-testid': 'case-item', 'data-case-number': record.number }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('cases.number'), dataIndex: 'number', key: 'number' },
          { title: t('cases.title'), dataIndex: 'title', key: 'title' },
          { title: t('cases.status'), key: 'status', render: (_, record) => <Space size={4}><StatusTag status={record.status} />{record.overdue && <Tag style={tone('red')}>{t('cases.overdue')}</Tag>}</Space> },
          { title: t('cases.level'), key: 'level', render: (_, record) => t(`levelName.${record.level}`) },
          { title: t('cases.dueAt'), key: 'dueAt', render: (_, record) => formatTime(record.dueAt, i18n.language) },
          { title: t('cases.actions'), key: 'actions', render: (_, record) => <Button size="small" onClick={() => setOpen(record.id)}>{t('cases.detail')}</Button> },
        ]}
      />
      {drawer}
    </>
  );
}

export { formatTime };
