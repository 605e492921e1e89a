import { existsSync } from 'node:fs';

/** A font file with Chinese glyphs and, for a collection (.ttc), the face to use. */
export interface CjkFont {
  path: string;
  family?: string;
}

/** Debian's fonts-noto-cjk (Simplified Chinese faces of the collections), then other common places. */
const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export class MissingCjkFontError extends Error {
  constructor(looked: string[]) {
    super(
      `the report PDF needs a font with Chinese glyphs and none was found (looked at ${looked.join(', ')}): ` +
        'install Debian\'s fonts-noto-cjk (apt-get install fonts-noto-cjk; ./lianxin up does it) or set REPORT_CJK_FONT=/path/to/font.ttc[#FaceName]',
    );
  }
}

/** The font to embed, found at run time: REPORT_CJK_FONT (path, optionally #face), else the first candidate present. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): CjkFont {
  if (env.REPORT_CJK_FONT) {
    const [path, family] = env.REPORT_CJK_FONT.split('#');
    if (!exists(path)) throw new MissingCjkFontError([path]);
    return family ? { path, family } : { path };
  }
  const found = CANDIDATES.find((font) => exists(font.path));
  if (!found) throw new MissingCjkFontError(CANDIDATES.map((font) => font.path));
  return found;
}
