import { Alert } from 'antd';
import { describeError } from '../errors';

export function QueryError({ error }: { error: unknown }) {
  return <Alert type="error" showIcon title={describeError(error)} />;
}
