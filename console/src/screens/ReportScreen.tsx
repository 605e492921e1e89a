import { useApolloClient, useQuery } from '@apollo/client/react';
import { ConsoleAttachMediaDocument, ConsoleCaseCategoriesDocument, ConsoleReportCaseDocument } from '@lianxin/client';
import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { useContext, useRef, useState } from 'react';
import { NO_PROGRESS, runCaseAction, type ActionProgress } from '../components/case-action';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../components/notify';
import { describeError } from '../errors';
import { UsersContext } from '../live';
import { uploadPhoto } from '../upload';
import { homeGridCode, useViewer } from '../viewer';

interface ReportValues {
  title: string;
  description: string;
  categoryCode: string;
  address?: string;
  anonymous?: boolean;
}

/** A resident reports (群众点单): the case goes to the grid they live in. */
export default function ReportScreen() {
  const { t, i18n } = useTranslation();
  const [message, messageHolder] = useNotify();
  const viewer = useViewer();
  const client = useApolloClient();
  const categories = useQuery(ConsoleCaseCategoriesDocument);
  const [form] = Form.useForm<ReportValues>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const gridCode = homeGridCode(viewer);
  const users = useContext(UsersContext);
  const [photos, setPhotos] = useState<File[]>([]);

  // One report is one attempt until it succeeds: its idempotency key and how far it got (uploads, the case,
  // the attach) survive a failure, so submitting again never makes a second case nor uploads a photo twice
  // (components/case-action.ts; cases answers a repeated key with the first case).
  const attempt = useRef<{ key: string; caseId?: string; number: string; progress: ActionProgress } | null>(null);

  // Other photos after a failed attempt: their uploads start again (the key stays: the case may exist).
  const choosePhotos = (files: File[]) => {
    if (attempt.current && !attempt.current.progress.applied) attempt.current.progress = { ...attempt.current.progress, uploadIds: [] };
    setPhotos(files);
  };

  const submit = async (values: ReportValues) => {
    if (!gridCode) return;
    setBusy(true);
    attempt.current ??= { key: crypto.randomUUID(), number: '', progress: NO_PROGRESS };
    const current = attempt.current;
    try {
      // Resumable uploads (tus) first, then the case, then the photos attached to it (media, purpose REPORT).
      await runCaseAction(users ? photos : [], current.progress, {
        upload: (photo) => uploadPhoto(photo, users!),
        apply: async () => {
          const result = await client.mutate({
            mutation: ConsoleReportCaseDocument,
            variables: { input: { title: values.title, description: values.description, categoryCode: values.categoryCode, gridCode, anonymous: Boolean(values.anonymous), location: values.address ? { address: values.address } : undefined, idempotencyKey: current.key } },
          });
          current.caseId = result.data?.reportCase.case.id;
          current.number = result.data?.reportCase.case.number ?? '';
        },
        attach: async (uploadIds) => {
          await client.mutate({ mutation: ConsoleAttachMediaDocument, variables: { input: { ownerType: 'CASE', ownerId: current.caseId!, uploadIds, purpose: 'REPORT' } } });
        },
      }, (progress) => {
        current.progress = progress;
      });
      attempt.current = null;
      setPhotos([]);
      setDone(current.number);
      message.success(t('report.done', { number: current.number }));
      form.resetFields();
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {messageHolder}
      {done && <Alert type="success" showIcon data-testid="report-done" data-case-number={done} title={t('report.done', { number: done })} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark>
        <Form.Item name="title" label={t('report.title')} rules={[{ required: true, message: t('record.required') }]}>
          <Input data-testid="report-title" maxLength={100} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('report.category')} rules={[{ required: true, message: t('record.required') }]}>
          <Select
            data-testid="report-category"
            loading={categories.loading}
            options={(categories.data?.caseCategories ?? []).map((category) => ({ value: category.code, label: i18n.language === 'en' ? category.nameEn : category.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('report.description')} rules={[{ required: true, message: t('record.required') }]}>
          <Input.TextArea data-testid="report-description" rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="address" label={t('report.address')}>
          <Input data-testid="report-address" />
        </Form.Item>
        <Form.Item label={t('report.grid')} htmlFor="report-grid">
          <Input id="report-grid" value={gridCode} disabled />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>{t('report.anonymous')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('report.photos')}>
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple data-testid="report-photos" aria-label={t('report.photos')} onChange={(event) => choosePhotos([...(event.target.files ?? [])])} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit" block>
            {t('report.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
