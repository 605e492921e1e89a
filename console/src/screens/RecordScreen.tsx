import { useApolloClient, useQuery } from '@apollo/client/react';
import { ConsoleGridHazardsDocument, ConsoleMyGridDocument, type ConsoleMyGridQuery } from '@lianxin/client';
import { Badge, Button, Form, Input, List, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../components/notify';
import { formatTime } from '../components/CaseList';
import { Thumbnails } from '../components/Thumbnails';
import { tone } from '../components/tone';
import { UsersContext } from '../live';
import type { FieldWorkKind, QueuedWork } from '../offline/queue';
import { apolloSender, fieldQueue } from '../offline/sender';
import { homeGridCode, useViewer } from '../viewer';

const HAZARD_CATEGORIES = ['FIRE', 'GAS', 'ELECTRIC_BIKE_CHARGING', 'STRUCTURAL', 'FLOOD', 'PUBLIC_ORDER', 'OTHER'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'];
const GRID_CACHE = 'lianxin.grid.';
/** Photos per record (the media service takes up to 20 per attach). */
const MAX_PHOTOS = 6;

/** The grid's households and key places: from the network, or the copy of the last visit when offline. */
function useGridForForms(code: string | undefined): ConsoleMyGridQuery | undefined {
  const { data } = useQuery(ConsoleMyGridDocument, { variables: { code: code ?? '' }, skip: !code || !navigator.onLine });
  useEffect(() => {
    if (data && code) localStorage.setItem(GRID_CACHE + code, JSON.stringify(data));
  }, [data, code]);
  if (data) return data;
  const cached = code ? localStorage.getItem(GRID_CACHE + code) : null;
  return cached ? (JSON.parse(cached) as ConsoleMyGridQuery) : undefined;
}

/**
 * Record a visit, patrol or hazard. Everything goes into the outbox first (IndexedDB, with its idempotency
 * key and the time it happened) and is sent at once when online, or when the network returns.
 */
export default function RecordScreen() {
  const { t, i18n } = useTranslation();
  const [message, messageHolder] = useNotify();
  const viewer = useViewer();
  const client = useApolloClient();
  const users = useContext(UsersContext);
  const gridCode = homeGridCode(viewer);
  const grid = useGridForForms(gridCode);
  const [kind, setKind] = useState<FieldWorkKind>('visit');
  const [items, setItems] = useState<QueuedWork[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoInput, setPhotoInput] = useState(0);
  const [form] = Form.useForm();
  const hazards = useQuery(ConsoleGridHazardsDocument, { variables: { areaCode: gridCode ?? '', first: 10 }, skip: !gridCode || !navigator.onLine });
  // A ref, so the flush below keeps its identity (its effect re-running would send again on every render).
  const refetchHazards = useRef(hazards.refetch);
  refetchHazards.current = hazards.refetch;

  const reload = useCallback(() => void fieldQueue.items().then(setItems), []);
  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    const result = await fieldQueue.flush(apolloSender(client, users));
    if (result.sent > 0) {
      message.success(`${t('record.sent')} (${result.sent})`);
      // The hazard list shows what was just sent (skipped while offline: then the next load reads it).
      void Promise.resolve()
        .then(() => refetchHazards.current())
        .catch(() => undefined);
    }
  }, [client, users, message, t]);

  useEffect(() => {
    reload();
    const unsubscribe = fieldQueue.subscribe(reload);
    const online = () => void flush();
    window.addEventListener('online', online);
    void flush();
    return () => {
      unsubscribe();
      window.removeEventListener('online', online);
    };
  }, [reload, flush]);

  const submit = async (values: Record<string, string>) => {
    const input: Record<string, unknown> =
      kind === 'visit'
        ? { householdId: values.householdId, findings: values.findings }
        : kind === 'patrol'
          ? { keyPlaceId: values.keyPlaceId, notes: values.notes || undefined }
          : { gridCode, category: values.category, severity: values.severity, description: values.description };
    // The photos' bytes go into the outbox with the record (IndexedDB keeps Blobs); uploaded when it is sent.
    await fieldQueue.add(kind, input, photos.map((photo) => ({ name: photo.name, type: photo.type, blob: photo })));
    message.info(t('record.queued'));
    form.resetFields();
    setPhotos([]);
    setPhotoInput((n) => n + 1);
    void flush();
  };

  const households = grid?.grid.households?.edges.map((edge) => edge.node) ?? [];
  const places = grid?.grid.keyPlaces.edges.map((edge) => edge.node) ?? [];
  const required = [{ required: true, message: t('record.required') }];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {messageHolder}
      <Segmented<FieldWorkKind> block value={kind} onChange={(value) => (setKind(value), setPhotos([]))} options={[{ value: 'visit', label: t('record.visit') }, { value: 'patrol', label: t('record.patrol') }, { value: 'hazard', label: t('record.hazard') }]} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} key={kind}>
        {kind === 'visit' && (
          <>
            <Form.Item name="householdId" label={t('record.household')} rules={required}>
              <Select data-testid="visit-household" showSearch={{ optionFilterProp: 'label' }} options={households.map((household) => ({ value: household.id, label: `${household.address}${household.head ? ` · ${household.head.name}` : ''}` }))} />
            </Form.Item>
            <Form.Item name="findings" label={t('record.findings')} rules={required}>
              <Input.TextArea rows={3} data-testid="visit-findings" />
            </Form.Item>
          </>
        )}
        {kind === 'patrol' && (
          <>
            <Form.Item name="keyPlaceId" label={t('record.keyPlace')} rules={required}>
              <Select data-testid="patrol-place" options={places.map((place) => ({ value: place.id, label: place.name }))} />
            </Form.Item>
            <Form.Item name="notes" label={t('record.notes')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {kind === 'hazard' && (
          <>
            <Form.Item name="category" label={t('record.category')} rules={required}>
              <Select data-testid="hazard-category" options={HAZARD_CATEGORIES.map((value) => ({ value, label: t(`hazardCategory.${value}`) }))} />
            </Form.Item>
            <Form.Item name="severity" label={t('record.severity')} rules={required}>
              <Radio.Group options={SEVERITIES.map((value) => ({ value, label: t(`severity.${value}`) }))} />
            </Form.Item>
            <Form.Item name="description" label={t('record.description')} rules={required}>
              <Input.TextArea rows={3} data-testid="hazard-description" />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('record.photos')} htmlFor="record-photos" extra={photos.length > 0 ? t('record.photoCount', { count: photos.length }) : undefined}>
          <input
            key={photoInput}
            id="record-photos"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            data-testid="record-photos"
            onChange={(event) => setPhotos([...(event.target.files ?? [])].slice(0, MAX_PHOTOS))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block data-testid="record-submit">{t('record.submit')}</Button>
      </Form>
      <Typography.Title level={5}>
        <Badge count={items.length} showZero={false} offset={[8, 0]}>
          <span data-testid="queue-title" data-count={items.length}>{t('record.queue', { count: items.length })}</span>
        </Badge>
      </Typography.Title>
      <List
        data-testid="queue"
        size="small"
        locale={{ emptyText: <span className="lx-muted">{t('record.queueEmpty')}</span> }}
        dataSource={items}
        renderItem={(item) => (
          <List.Item key={item.key} data-testid="queue-item" actions={item.lastError ? [<Button key="discard" size="small" danger onClick={() => void fieldQueue.discard(item.key)}>{t('action.cancel')}</Button>] : []}>
            <Space size={4} wrap>
              <Tag>{t(`record.kind${item.kind[0].toUpperCase()}${item.kind.slice(1)}`)}</Tag>
              <span>{formatTime(item.occurredAt, i18n.language)}</span>
              {(item.photos?.length ?? 0) > 0 && <Tag data-testid="queue-photos" data-count={item.photos!.length}>{t('record.photoCount', { count: item.photos!.length })}</Tag>}
              {item.lastError ? <Tag style={tone('red')}>{t('record.failed', { reason: item.lastError })}</Tag> : <Tag style={tone('orange')}>{t('record.pending')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      {items.length > 0 && <Button onClick={() => void flush()} data-testid="queue-send">{t('record.sendNow')}</Button>}
      {hazards.data && (
        <section aria-labelledby="grid-hazards-title">
          <h2 className="lx-subtitle" id="grid-hazards-title">{t('record.hazards')} ({hazards.data.hazards.totalCount})</h2>
          <ul className="lx-list" data-testid="grid-hazards">
            {hazards.data.hazards.edges.map(({ node }) => (
              <li key={node.id} data-testid="hazard-item" data-description={node.description}>
                <strong>{t(`hazardCategory.${node.category}`, { defaultValue: node.category })} · {t(`severity.${node.severity}`, { defaultValue: node.severity })}</strong>
                <span>{node.description}</span>
                <span>{formatTime(node.reportedAt, i18n.language)} · {node.reportedByName}</span>
                <Thumbnails items={node.mediaAttachments} testId="hazard-photos" />
              </li>
            ))}
            {hazards.data.hazards.edges.length === 0 && <li><span>{t('due.none')}</span></li>}
          </ul>
        </section>
      )}
    </Space>
  );
}
