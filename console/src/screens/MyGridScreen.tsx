import { useQuery } from '@apollo/client/react';
import { ConsoleMyGridDocument } from '@lianxin/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';
import { homeGridCode, useViewer } from '../viewer';

type Tab = 'households' | 'focus' | 'places';

/**
 * My grid: households, focus people (persons carrying focus tags) and key places. The grid worker's home
 * screen, so it is plain HTML (no component library beyond the shell): it is part of the phone's first load.
 */
export default function MyGridScreen() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const [gridCode, setGridCode] = useState(homeGridCode(viewer));
  const [tab, setTab] = useState<Tab>('households');
  const { data, error, loading } = useQuery(ConsoleMyGridDocument, { variables: { code: gridCode ?? '' }, skip: !gridCode });
  if (!gridCode) return <p>{t('grid.noGrid')}</p>;
  if (error && !data) return <p role="alert" className="lx-error">{describeError(error)}</p>;
  const grid = data?.grid;
  const focus = (data?.persons.edges ?? []).map((edge) => edge.node).filter((person) => (person.tags ?? []).length > 0);
  const tagName = (tag: { nameZh: string; nameEn: string }) => (i18n.language === 'en' ? tag.nameEn : tag.nameZh);
  const tabs: Array<{ key: Tab; label: string }> = [
    { key: 'households', label: `${t('grid.households')} (${grid?.households?.totalCount ?? 0})` },
    { key: 'focus', label: `${t('grid.focusPeople')} (${focus.length})` },
    { key: 'places', label: `${t('grid.keyPlaces')} (${grid?.keyPlaces.totalCount ?? 0})` },
  ];
  return (
    <section>
      {viewer.gridsIServe.length > 1 && (
        <label className="lx-field-label">
          {t('grid.pick')}{' '}
          <select value={gridCode} onChange={(event) => setGridCode(event.target.value)}>
            {viewer.gridsIServe.map((served) => <option key={served.code} value={served.code}>{served.name} {served.code}</option>)}
          </select>
        </label>
      )}
      {grid && <h2 className="lx-subtitle" data-testid="grid-name">{grid.name} · {grid.code}</h2>}
      <div role="tablist" className="lx-segments">
        {tabs.map((entry) => (
          <button key={entry.key} id={`grid-tab-${entry.key}`} role="tab" type="button" aria-selected={tab === entry.key} aria-controls="grid-tabpanel" onClick={() => setTab(entry.key)}>{entry.label}</button>
        ))}
      </div>
      {loading && !data && <p role="status">{t('app.loading')}</p>}
      <div role="tabpanel" id="grid-tabpanel" aria-labelledby={`grid-tab-${tab}`}>
        <ul className="lx-list" data-testid={tab === 'households' ? 'households' : tab === 'focus' ? 'focus-people' : 'key-places'}>
          {tab === 'households' && grid?.households?.edges.map(({ node }) => (
            <li key={node.id}><strong>{node.address}</strong><span>{[node.number, node.head?.name].filter(Boolean).join(' · ')}</span></li>
          ))}
          {tab === 'focus' && focus.map((person) => (
            <li key={person.id}><strong>{person.name}</strong><span>{[person.birthYear, ...(person.tags ?? []).map(tagName)].filter(Boolean).join(' · ')}</span></li>
          ))}
          {tab === 'places' && grid?.keyPlaces.edges.map(({ node }) => (
            <li key={node.id}><strong>{node.name}</strong><span>{node.address}</span></li>
          ))}
        </ul>
      </div>
    </section>
  );
}
