import { createRoot } from 'react-dom/client';
import './styles.css';
import { loadConfig } from './config';
import { createUserManager, currentUser } from './auth';
import { initI18n, i18next } from './i18n';
import { Root } from './Root';

async function boot() {
  await initI18n();
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  try {
    const config = await loadConfig();
    const users = createUserManager(config);
    const user = await currentUser(users);
    root.render(<Root config={config} users={users} signedIn={Boolean(user)} />);
  } catch (error) {
    container.textContent = `${i18next.t('app.error')}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  }
}

void boot();
