import { ApolloProvider } from '@apollo/client/react';
import { Button, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { UserManager } from 'oidc-client-ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApolloClient } from './apollo';
import { createLiveClient, LiveContext, UsersContext } from './live';
import type { ConsoleConfig } from './config';
import { switchLanguage, type Language } from './i18n';
import { Shell } from './Shell';

/** Locale, theme and the GraphQL client around the app; the sign-in page when nobody is signed in. */
export function Root({ config, users, signedIn }: { config: ConsoleConfig; users: UserManager; signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const client = useMemo(() => createApolloClient(config.graphqlUrl, users), [config.graphqlUrl, users]);
  const live = useMemo(() => createLiveClient(users), [users]);
  const toggleLanguage = () => {
    const next: Language = language === 'en' ? 'zh-CN' : 'en';
    void switchLanguage(next).then(() => setLanguage(next));
  };
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f4e9c', borderRadius: 6 } }}>
        {signedIn ? (
          <ApolloProvider client={client}>
            <LiveContext.Provider value={live}>
              <UsersContext.Provider value={users}>
                <Shell users={users} onToggleLanguage={toggleLanguage} />
              </UsersContext.Provider>
            </LiveContext.Provider>
          </ApolloProvider>
        ) : (
          <main className="lx-center">
            <h1 className="lx-brand">{t('app.title')}</h1>
            <p>{t('app.loginHint')}</p>
            <Button type="primary" size="large" data-testid="login" onClick={() => void users.signinRedirect()}>
              {t('app.login')}
            </Button>{' '}
            <Button onClick={toggleLanguage}>{t('app.language')}</Button>
          </main>
        )}
    </ConfigProvider>
  );
}
