import type { ConsoleMediaThumbFragment } from '@lianxin/client';
import { useTranslation } from 'react-i18next';

/**
 * Photos and files of a case, hazard … as the media service's short-lived links: the 320 px thumbnail,
 * opening the file itself. The links point at the object store (its origin is in the CSP's img-src);
 * a file without a thumbnail (a PDF, one still being checked) is its name as a link.
 */
export function Thumbnails({ items, testId = 'thumbnails' }: { items: readonly ConsoleMediaThumbFragment[] | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  const shown = (items ?? []).filter((item) => item.state !== 'REFUSED');
  if (shown.length === 0) return null;
  return (
    <ul className="lx-thumbs" data-testid={testId} data-count={shown.length}>
      {shown.map((item) => {
        const label = `${t(`media.purpose${item.purpose}`, { defaultValue: item.purpose })}: ${item.fileName}`;
        const content = item.thumbnail ? (
          <img src={item.thumbnail.url} alt={label} width={96} height={96} loading="lazy" data-testid="thumbnail" />
        ) : (
          <span className="lx-thumb-name">{item.fileName}</span>
        );
        return (
          <li key={item.id} data-purpose={item.purpose}>
            {item.download ? (
              <a href={item.download.url} target="_blank" rel="noreferrer" aria-label={item.thumbnail ? undefined : label}>
                {content}
              </a>
            ) : (
              content
            )}
            <span className="lx-thumb-caption">{t(`media.purpose${item.purpose}`, { defaultValue: item.purpose })}</span>
          </li>
        );
      })}
    </ul>
  );
}
