import { message } from 'antd';

/** Toasts bound to the app's theme and locale: `const [notify, holder] = useNotify();` and render {holder}. */
export function useNotify() {
  return message.useMessage();
}
