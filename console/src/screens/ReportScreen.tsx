import { useApolloClient, useQuery } from '@apollo/client/react';
import { ConsoleAttachMediaDocument, ConsoleCaseCategoriesDocument, ConsoleReportCaseDocument } from '@lianxin/client';
import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { useContext, useState } from 'react';
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

  const submit = async (values: ReportValues) => {
    if (!gridCode) return;
    setBusy(true);
    try {
      const result = await client.mutate({
        mutation: ConsoleReportCaseDocument,
        variables: { input: { title: values.title, description: values.description, categoryCode: values.categoryCode, gridCode, anonymous: Boolean(values.anonymous), location: values.address ? { address: values.address } : undefined } },
      });
      const number = result.data?.reportCase.case.number ?? '';
      const caseId = result.data?.reportCase.case.id;
      if (caseId && photos.length > 0 && users) {
        // Resumable uploads (tus), then attached to the case (media, purpose REPORT).
        const uploadIds = await Promise.all(photos.map((photo) => uploadPhoto(photo, users)));
        await client.mutate({ mutation: ConsoleAttachMediaDocument, variables: { input: { ownerType: 'CASE', ownerId: caseId, uploadIds, purpose: 'REPORT' } } });
        setPhotos([]);
      }
      setDone(number);
      message.success(t('report.done', { number }));
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
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple data-testid="report-photos" aria-label={t('report.photos')} onChange={(event) => setPhotos([...(event.target.files ?? [])])} />
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
