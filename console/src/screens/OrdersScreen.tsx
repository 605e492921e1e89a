import { useApolloClient, useQuery } from '@apollo/client/react';
import { ConsoleClaimOrderDocument, ConsoleServiceOrdersDocument } from '@lianxin/client';
import { Button, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../components/notify';
import { formatTime } from '../components/CaseList';
import { describeError } from '../errors';
import { QueryError } from '../components/QueryError';

/** Volunteers: open service orders and micro-wishes of their village to claim (党员接单), and their own. */
export default function OrdersScreen() {
  const { t, i18n } = useTranslation();
  const [message, messageHolder] = useNotify();
  const client = useApolloClient();
  const open = useQuery(ConsoleServiceOrdersDocument, { variables: { filter: { status: 'OPEN' }, first: 50 } });
  const mine = useQuery(ConsoleServiceOrdersDocument, { variables: { filter: { claimedByMe: true }, first: 50 } });
  if (open.error && !open.data) return <QueryError error={open.error} />;
  const claim = async (orderId: string) => {
    try {
      await client.mutate({ mutation: ConsoleClaimOrderDocument, variables: { input: { orderId } } });
      message.success(t('orders.claimed'));
      await Promise.all([open.refetch(), mine.refetch()]);
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <>
      {messageHolder}
      <Typography.Title level={5}>{t('orders.title')}</Typography.Title>
      <List
        data-testid="open-orders"
        loading={open.loading}
        dataSource={open.data?.serviceOrders.edges.map((edge) => edge.node) ?? []}
        renderItem={(order) => (
          <List.Item key={order.id} actions={[<Button key="claim" type="primary" size="small" data-testid="claim" onClick={() => void claim(order.id)}>{t('orders.claim')}</Button>]}>
            <List.Item.Meta title={order.title} description={`${t('orders.deadline')}: ${formatTime(order.deadline, i18n.language)}`} />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('orders.mine')}</Typography.Title>
      <List
        data-testid="my-orders"
        loading={mine.loading}
        dataSource={mine.data?.serviceOrders.edges.map((edge) => edge.node) ?? []}
        renderItem={(order) => (
          <List.Item key={order.id}>
            <List.Item.Meta title={order.title} description={<Tag>{t(`orderStatus.${order.status}`, { defaultValue: order.status })}</Tag>} />
          </List.Item>
        )}
      />
    </>
  );
}
