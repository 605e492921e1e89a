import { createContext, useContext } from 'react';
import type { ConsoleViewerQuery } from '@lianxin/client';

export type Viewer = ConsoleViewerQuery['viewer'];

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in app');
  return viewer;
}

/** The grid a field user works in: the first grid they serve, else their own area when it is a grid (15 digits). */
export function homeGridCode(viewer: Viewer): string | undefined {
  return viewer.gridsIServe[0]?.code ?? (viewer.areaCode.length === 15 ? viewer.areaCode : viewer.person?.gridCode);
}

export function hasRole(viewer: Viewer, ...roles: string[]): boolean {
  return viewer.roles.some((role) => roles.includes(role));
}
