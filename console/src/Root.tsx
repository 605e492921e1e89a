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

/**
 * Ant Design tokens. Besides the primary colour, the text colours antd draws below WCAG AA on white are
 * darkened: tertiary/description text (labels of Descriptions, Statistic titles, List descriptions; antd
 * 0.45 black = 3.4:1), placeholders, links (#1677ff = 4.1:1) and the error red (#ff4d4f = 3.3:1, also
 * the Badge count). The browser tests' axe audit holds every screen to 4.5:1.
 */
const THEME = {
  token: {
    colorPrimary: '#1f4e9c',
    colorLink: '#1f4e9c',
    colorTextTertiary: '#5f5f5f',
    colorTextDescription: '#5f5f5f',
    colorTextPlaceholder: '#767676',
    colorError: '#cf1322',
    borderRadius: 6,
  },
};

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
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME}>
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
