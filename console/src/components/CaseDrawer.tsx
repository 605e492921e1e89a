import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  ConsoleAcceptCaseDocument,
  ConsoleAttachMediaDocument,
  ConsoleCaseDocument,
  ConsoleDepartmentsDocument,
  ConsoleDispatchCaseDocument,
  ConsoleEscalateCaseDocument,
  ConsoleFeedBackCaseDocument,
  ConsolePlaceOrderDocument,
  ConsoleRateCaseDocument,
  ConsoleResolveCaseDocument,
  ConsoleReturnCaseDocument,
  ConsoleScheduleCaseDocument,
  ConsoleSendBackCaseDocument,
  ConsoleSuperviseCaseDocument,
  ConsoleVerifyCaseDocument,
} from '@lianxin/client';
import { Alert, Button, type ButtonProps, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Spin, Timeline } from 'antd';
import type { DocumentNode } from 'graphql';
import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from './notify';
import { describeError } from '../errors';
import { UsersContext } from '../live';
import { uploadPhoto } from '../upload';
import { hasRole, useViewer } from '../viewer';
import { awaitsAttach, NO_PROGRESS, runCaseAction, type ActionProgress } from './case-action';
import { formatTime, StatusTag } from './CaseList';
import { Thumbnails } from './Thumbnails';

type Field = 'note' | 'reason' | 'result' | 'feedback' | 'department' | 'rating' | 'instruction' | 'photos';

/** Each action: its mutation and the fields its input needs (the rest comes from the case). */
const ACTIONS: Record<string, { document: DocumentNode; fields: Field[]; required?: Field[] }> = {
  VERIFY: { document: ConsoleVerifyCaseDocument, fields: ['note'] },
  RETURN: { document: ConsoleReturnCaseDocument, fields: ['reason'], required: ['reason'] },
  SCHEDULE: { document: ConsoleScheduleCaseDocument, fields: ['note'] },
  ESCALATE: { document: ConsoleEscalateCaseDocument, fields: ['reason'], required: ['reason'] },
  PLACE_ORDER: { document: ConsolePlaceOrderDocument, fields: ['note'] },
  DISPATCH: { document: ConsoleDispatchCaseDocument, fields: ['department', 'note'], required: ['department'] },
  ACCEPT: { document: ConsoleAcceptCaseDocument, fields: ['note'] },
  SEND_BACK: { document: ConsoleSendBackCaseDocument, fields: ['reason'], required: ['reason'] },
  RESOLVE: { document: ConsoleResolveCaseDocument, fields: ['result', 'photos'], required: ['result'] },
  FEED_BACK: { document: ConsoleFeedBackCaseDocument, fields: ['feedback'], required: ['feedback'] },
  RATE: { document: ConsoleRateCaseDocument, fields: ['rating', 'note'], required: ['rating'] },
  SUPERVISE: { document: ConsoleSuperviseCaseDocument, fields: ['instruction'], required: ['instruction'] },
};

const CLOSED = new Set(['CLOSED', 'RETURNED', 'MERGED']);

interface FormValues {
  note?: string;
  reason?: string;
  result?: string;
  feedback?: string;
  department?: string;
  rating?: string;
  instruction?: string;
}

/**
 * The input of an action. `key` is the dialog's idempotency key: the case transitions take it, so sending the
 * action again after a lost answer returns the case instead of CONFLICT (a supervision instruction does not).
 */
export function buildInput(action: string, caseId: string, version: number, values: FormValues, departments: ReadonlyArray<{ id: string; code: string }>, key?: string): Record<string, unknown> {
  const base = { caseId, expectedVersion: version, ...(key ? { idempotencyKey: key } : {}) };
  switch (action) {
    case 'RETURN':
    case 'ESCALATE':
    case 'SEND_BACK':
      return { ...base, reason: values.reason };
    case 'DISPATCH':
      return { ...base, departmentCode: values.department, departmentId: departments.find((dept) => dept.code === values.department)?.id, note: values.note || undefined };
    case 'RESOLVE':
      return { ...base, result: values.result };
    case 'FEED_BACK':
      return { ...base, feedback: values.feedback };
    case 'RATE':
      return { ...base, rating: values.rating, comment: values.note || undefined };
    case 'SUPERVISE':
      return { caseId, instruction: values.instruction };
    default:
      return { ...base, note: values.note || undefined };
  }
}

export function CaseDrawer({ caseId, onClose, onChanged }: { caseId: string; onClose: () => void; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const [message, messageHolder] = useNotify();
  const viewer = useViewer();
  const client = useApolloClient();
  const { data, loading, refetch } = useQuery(ConsoleCaseDocument, { variables: { id: caseId } });
  const [action, setAction] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const users = useContext(UsersContext);
  const [photos, setPhotos] = useState<File[]>([]);
  // What the open action has done so far (uploads, the case mutation, the attach): a retry does only the rest.
  const [progress, setProgress] = useState<ActionProgress>(NO_PROGRESS);
  // One key per opened action: every retry of it is the same write (CaseWorkflowService.run in cases).
  const [actionKey, setActionKey] = useState(() => crypto.randomUUID());
  const attachPending = awaitsAttach(progress);
  const needsDepartments = action === 'DISPATCH';
  const departments = useQuery(ConsoleDepartmentsDocument, { skip: !needsDepartments });
  const departmentList = departments.data?.departments.edges.map((edge) => edge.node) ?? [];
  const item = data?.case;
  const actions: string[] = item ? item.availableActions.filter((name) => name in ACTIONS) : [];
  if (item && !CLOSED.has(item.status) && hasRole(viewer, 'village-admin', 'township-admin', 'county-admin')) actions.push('SUPERVISE');

  const closeAction = () => {
    setAction(null);
    setPhotos([]);
    setProgress(NO_PROGRESS);
    setActionKey(crypto.randomUUID());
  };

  const submit = async () => {
    if (!item || !action) return;
    // Once the case has moved only the attach is left: the form was sent already and is not read again.
    const values = progress.applied ? null : await form.validateFields().catch(() => null); // the form shows what is missing
    if (!progress.applied && !values) return;
    const mutation = ACTIONS[action].document;
    let current = progress;
    setBusy(true);
    try {
      // Photos of the result (a resolution): uploaded first (tus), so a refused file stops before the case moves;
      // attached after it, with the same uploads on a retry (case-action.ts).
      await runCaseAction(
        users && fields.includes('photos') ? photos : [],
        progress,
        {
          upload: (photo) => uploadPhoto(photo, users!),
          apply: async () => {
            await client.mutate({ mutation, variables: { input: buildInput(action, item.id, item.version, values!, departmentList, actionKey) } });
          },
          attach: async (uploadIds) => {
            await client.mutate({ mutation: ConsoleAttachMediaDocument, variables: { input: { ownerType: 'CASE', ownerId: item.id, uploadIds, purpose: 'RESOLUTION' } } });
          },
        },
        (next) => {
          current = next;
          setProgress(next);
        },
      );
      message.success(t('action.done'));
      closeAction();
      form.resetFields();
      await refetch();
      onChanged?.();
    } catch (error) {
      message.error(describeError(error));
      // The case moved before the failure: show its new state behind the dialog, which keeps the photos to attach.
      if (current.applied && !progress.applied) {
        await refetch();
        onChanged?.();
      }
    } finally {
      setBusy(false);
    }
  };

  const fields = action ? ACTIONS[action].fields : [];
  const required = (field: Field) => Boolean(action && ACTIONS[action].required?.includes(field));
  const rule = (field: Field) => (required(field) ? [{ required: true, message: t('record.required') }] : []);

  return (
    <>
    {messageHolder}
    <Drawer open title={item ? `${item.number} ${item.title}` : t('cases.detail')} onClose={onClose} size={Math.min(560, window.innerWidth)} data-testid="case-drawer">
      {loading && !item && <Spin />}
      {item && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('cases.status')}><span data-testid="case-status" data-status={item.status}><StatusTag status={item.status} /></span></Descriptions.Item>
            <Descriptions.Item label={t('cases.level')}>{t(`levelName.${item.level}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.dueAt')}>{formatTime(item.dueAt, i18n.language)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.description')}>{item.description}</Descriptions.Item>
            {item.result && <Descriptions.Item label={t('cases.result')}>{item.result}</Descriptions.Item>}
            {item.feedback && <Descriptions.Item label={t('cases.feedback')}>{item.feedback}</Descriptions.Item>}
            {item.rating && <Descriptions.Item label={t('cases.rating')}>{t(`rating.${item.rating}`)}</Descriptions.Item>}
            {item.mediaAttachments && item.mediaAttachments.length > 0 && (
              <Descriptions.Item label={t('cases.photos')}>
                <Thumbnails items={item.mediaAttachments} testId="case-photos" />
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap data-testid="case-actions">
            {actions.map((name) => (
              <Button key={name} type={name === actions[0] ? 'primary' : 'default'} data-testid={`action-${name}`} onClick={() => setAction(name)}>
                {t(`action.${name}`)}
              </Button>
            ))}
          </Space>
          <Timeline
            items={item.history.map((entry) => ({
              key: entry.id,
              content: `${formatTime(entry.at, i18n.language)} ${t(`action.${entry.action}`, { defaultValue: entry.action })} → ${t(`status.${entry.toStatus}`)}${entry.note ? ` · ${entry.note}` : ''}`,
            }))}
          />
        </Space>
      )}
      <Modal open={Boolean(action)} title={action ? t(`action.${action}`) : ''} onCancel={closeAction} onOk={() => void submit()} confirmLoading={busy} okText={attachPending ? t('action.retryAttach') : t('action.confirm')} cancelText={t('action.cancel')} okButtonProps={{ 'data-testid': 'action-confirm' } as unknown as ButtonProps} destroyOnHidden>
        {attachPending && (
          <Alert
            type="warning"
            showIcon
            data-testid="attach-retry"
            title={t('action.attachPending', { count: progress.uploadIds.filter(Boolean).length })}
            style={{ marginBottom: 12 }}
          />
        )}
        {/* After the case moved the form shows what was sent; only the attach can be repeated. */}
        <Form form={form} layout="vertical" preserve={false} disabled={progress.applied}>
          {fields.includes('department') && (
            <Form.Item name="department" label={t('action.department')} rules={rule('department')}>
              <Select data-testid="field-department" loading={departments.loading} options={departmentList.map((dept) => ({ value: dept.code, label: dept.name }))} />
            </Form.Item>
          )}
          {fields.includes('rating') && (
            <Form.Item name="rating" label={t('action.rating')} rules={rule('rating')}>
              <Radio.Group options={['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'].map((value) => ({ value, label: t(`rating.${value}`) }))} />
            </Form.Item>
          )}
          {(['reason', 'result', 'feedback', 'instruction'] as const).filter((field) => fields.includes(field)).map((field) => (
            <Form.Item key={field} name={field} label={t(field === 'result' ? 'action.resultText' : field === 'feedback' ? 'action.feedbackText' : `action.${field}`)} rules={rule(field)}>
              <Input.TextArea rows={3} data-testid={`field-${field}`} />
            </Form.Item>
          ))}
          {fields.includes('photos') && (
            <Form.Item label={t('action.photos')} htmlFor="action-photos">
              <input id="action-photos" type="file" accept="image/jpeg,image/png,image/webp" multiple data-testid="field-photos" disabled={progress.applied} onChange={(event) => (setPhotos([...(event.target.files ?? [])]), setProgress(NO_PROGRESS))} />
            </Form.Item>
          )}
          {fields.includes('note') && (
            <Form.Item name="note" label={action === 'RATE' ? t('action.comment') : t('action.note')}>
              <Input.TextArea rows={2} data-testid="field-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
    </>
  );
}
