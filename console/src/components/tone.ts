import type { CSSProperties } from 'react';

/**
 * Tag colours that meet WCAG AA (4.5:1 for 12 px text): antd's preset tags write their text in the hue's
 * 6th shade (gold 2.8:1, lime 2.5:1, green and cyan 3.4:1 on their fills); these use the 8th shade on
 * the same light fill (5.8:1 and more). test/browser's axe audit checks them on every screen.
 */
export type Tone = 'gold' | 'cyan' | 'orange' | 'purple' | 'blue' | 'green' | 'lime' | 'magenta' | 'red';

const TONES: Record<Tone, CSSProperties> = {
  gold: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  cyan: { color: '#006d75', background: '#e6fffb', borderColor: '#87e8de' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  lime: { color: '#3f6600', background: '#fcffe6', borderColor: '#eaff8f' },
  magenta: { color: '#9e1068', background: '#fff0f6', borderColor: '#ffadd2' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

/** The style of a Tag in this tone (undefined: antd's neutral tag, dark text on grey). */
export function tone(name: Tone | undefined): CSSProperties | undefined {
  return name ? TONES[name] : undefined;
}
