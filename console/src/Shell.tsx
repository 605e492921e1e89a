import { useQuery } from '@apollo/client/react';
import { ConsoleViewerDocument } from '@lianxin/client';
import { Button } from 'antd';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';
import { isFieldUser, screensFor, type ScreenId } from './roles';
import { ViewerContext } from './viewer';

/** Every screen is its own chunk: a grid worker's phone loads only the grid worker's screens. */
const SCREENS: Record<ScreenId, LazyExoticComponent<ComponentType>> = {
  myGrid: lazy(() => import('./screens/MyGridScreen')),
  due: lazy(() => import('./screens/DueScreen')),
  record: lazy(() => import('./screens/RecordScreen')),
  myCases: lazy(() => import('./screens/MyCasesScreen')),
  board: lazy(() => import('./screens/BoardScreen')),
  overdue: lazy(() => import('./screens/OverdueScreen')),
  map: lazy(() => import('./screens/MapScreen')),
  dashboard: lazy(() => import('./screens/DashboardScreen')),
  queue: lazy(() => import('./screens/QueueScreen')),
  report: lazy(() => import('./screens/ReportScreen')),
  orders: lazy(() => import('./screens/OrdersScreen')),
  points: lazy(() => import('./screens/PointsScreen')),
  audit: lazy(() => import('./screens/AuditScreen')),
};

function useHashScreen(): string {
  const read = () => window.location.hash.replace(/^#\/?/, '');
  const [hash, setHash] = useState(read);
  useEffect(() => {
    const onChange = () => setHash(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function Shell({ users, onToggleLanguage }: { users: UserManager; onToggleLanguage: () => void }) {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(ConsoleViewerDocument);
  const hash = useHashScreen();
  const online = useOnline();
  const logout = () => void users.signoutRedirect().catch(() => users.removeUser().then(() => window.location.reload()));

  if (loading && !data) return <p className="lx-center" role="status">{t('app.loading')}</p>;
  if (!data) {
    return (
      <section className="lx-center" role="alert">
        <h1>{t('app.error')}</h1>
        {error && <p>{describeError(error)}</p>}
        <Button onClick={() => void refetch()}>{t('app.retry')}</Button> <Button onClick={logout}>{t('app.logout')}</Button>
      </section>
    );
  }
  const viewer = data.viewer;
  const screens = screensFor(viewer.roles);
  if (screens.length === 0) {
    return (
      <section className="lx-center" role="alert">
        <h1>{t('app.noRole')}</h1>
        <Button onClick={logout}>{t('app.logout')}</Button>
      </section>
    );
  }
  const current: ScreenId = (screens as string[]).includes(hash) ? (hash as ScreenId) : screens[0];
  const Screen = SCREENS[current];
  const field = isFieldUser(viewer.roles);
  const name = viewer.person?.name ?? viewer.username;

  const nav = (
    <nav aria-label={t('app.navigation')} className={field ? 'lx-tabs' : 'lx-side'}>
      {screens.map((screen) => (
        <a key={screen} href={`#/${screen}`} aria-current={screen === current ? 'page' : undefined} data-testid={`nav-${screen}`}>
          {t(`nav.${screen}`)}
        </a>
      ))}
    </nav>
  );

  return (
    <ViewerContext.Provider value={viewer}>
      <div className={field ? 'lx-app lx-field' : 'lx-app lx-desk'}>
        {/* Keyboard users skip the header and the navigation (a button: the hash is the screen's route). */}
        <button type="button" className="lx-skip" data-testid="skip-to-main" onClick={() => document.getElementById('lx-main')?.focus()}>
          {t('app.skip')}
        </button>
        <header className="lx-header">
          <strong className="lx-brand">{t('app.title')}</strong>
          <span className="lx-bar">
            <span data-testid="viewer-name">{t('viewer.greeting', { name })}</span>
            {viewer.roles.filter((role) => t(`role.${role}`, { defaultValue: '' })).map((role) => (
              <span key={role} className="lx-chip">{t(`role.${role}`)}</span>
            ))}
            {!online && <span className="lx-chip lx-chip-warn" data-testid="offline">{t('app.offline')}</span>}
            <Button size="small" onClick={onToggleLanguage} data-testid="language">{t('app.language')}</Button>
            <Button size="small" onClick={logout} data-testid="logout">{t('app.logout')}</Button>
          </span>
        </header>
        {!field && nav}
        <main className="lx-main" id="lx-main" tabIndex={-1}>
          <h1 className="lx-screen-title">{t(`nav.${current}`)}</h1>
          {viewer.area && <p className="lx-muted">{t('viewer.area', { area: `${viewer.area.name} ${viewer.area.code}` })}</p>}
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Screen />
          </Suspense>
        </main>
        {field && nav}
      </div>
    </ViewerContext.Provider>
  );
}
