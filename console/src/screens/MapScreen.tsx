import { useQuery } from '@apollo/client/react';
import { ConsoleGridMapDocument } from '@lianxin/client';
import { Alert, Spin } from 'antd';
import { LngLatBounds, Map as MapLibreMap, Popup, setWorkerUrl, type GeoJSONSourceSpecification, type MapLayerMouseEvent } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError';
import { useViewer } from '../viewer';

// MapLibre's worker, bundled by Vite as a hashed asset of our own origin (CSP worker-src 'self').
setWorkerUrl(maplibreWorkerUrl);

const COLORS = { overdue: '#cf1322', open: '#d48806', none: '#389e0d' } as const;

type Geometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };

function extend(bounds: LngLatBounds, geometry: Geometry) {
  const rings = geometry.type === 'Polygon' ? (geometry.coordinates as number[][][]) : (geometry.coordinates as number[][][][]).flat();
  for (const ring of rings) for (const [lng, lat] of ring) bounds.extend([lng, lat]);
}

/** The area's grids drawn from their GeoJSON boundaries (no tile server), coloured by open or overdue cases. */
export default function MapScreen() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const container = useRef<HTMLDivElement>(null);
  const { data, error, loading } = useQuery(ConsoleGridMapDocument, { variables: { areaCode: viewer.areaCode }, pollInterval: 30000 });
  const grids = data?.area.grids.edges.map((edge) => edge.node).filter((grid) => grid.boundary) ?? [];

  useEffect(() => {
    if (!container.current || !data || grids.length === 0) return;
    const overdue = new Set(data.cases.edges.map((edge) => edge.node.gridCode));
    const features = grids.map((grid) => ({
      type: 'Feature' as const,
      properties: { code: grid.code, name: grid.name, open: grid.openCases.totalCount, state: overdue.has(grid.code) ? 'overdue' : grid.openCases.totalCount > 0 ? 'open' : 'none' },
      geometry: grid.boundary as Geometry,
    }));
    const bounds = new LngLatBounds();
    for (const feature of features) extend(bounds, feature.geometry);
    const map = new MapLibreMap({
      container: container.current,
      // No external tiles: a blank background and the grids themselves.
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f0f2f5' } }] },
      bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
    });
    map.on('load', () => {
      map.addSource('grids', { type: 'geojson', data: { type: 'FeatureCollection', features } as GeoJSONSourceSpecification['data'] });
      map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grids', paint: { 'fill-color': ['match', ['get', 'state'], 'overdue', COLORS.overdue, 'open', COLORS.open, COLORS.none], 'fill-opacity': 0.45 } });
      map.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': '#262626', 'line-width': 1 } });
      // Drawn: the tests (and screenshots) wait for this.
      map.once('idle', () => container.current?.setAttribute('data-grids', String(features.length)));
    });
    map.on('click', 'grid-fill', (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (!feature) return;
      new Popup().setLngLat(event.lngLat).setText(`${feature.properties.name} · ${t('map.openCases', { count: feature.properties.open })}`).addTo(map);
    });
    return () => map.remove();
  }, [data, grids.length, t]); // grids is derived from data

  if (error && !data) return <QueryError error={error} />;
  if (loading && !data) return <Spin />;
  if (grids.length === 0) return <Alert type="info" title={t('map.noBoundary')} />;
  return (
    <>
      <div className="lx-legend" role="group" aria-label={t('map.legend')}>
        <span><i className="lx-swatch" style={{ background: COLORS.overdue }} />{t('map.legendOverdue')}</span>
        <span><i className="lx-swatch" style={{ background: COLORS.open }} />{t('map.legendOpen')}</span>
        <span><i className="lx-swatch" style={{ background: COLORS.none }} />{t('map.legendNone')}</span>
      </div>
      <div ref={container} className="lx-map" data-testid="grid-map" role="img" aria-label={t('nav.map')} />
    </>
  );
}
