import { registerDecorator, type ValidationArguments } from 'class-validator';

/** [longitude, latitude] or [longitude, latitude, altitude], as GeoJSON (RFC 7946) orders them. */
export type Position = number[];
export type LinearRing = Position[];

export type GridBoundary =
  | { type: 'Polygon'; coordinates: LinearRing[] }
  | { type: 'MultiPolygon'; coordinates: LinearRing[][] };

export type BoundaryCheck = { valid: true; boundary: GridBoundary } | { valid: false; reason: string };

/** Enough for any real grid outline; keeps a single row (and request) bounded. */
export const MAX_BOUNDARY_POSITIONS = 10_000;

class InvalidBoundary extends Error {}

/**
 * Checks a grid boundary: a GeoJSON Polygon or MultiPolygon whose linear rings are closed, have at
 * least 4 positions, and hold numeric longitudes in [-180, 180] and latitudes in [-90, 90].
 * Returns the geometry reduced to `type` and `coordinates`, so nothing else is stored.
 */
export function checkBoundary(value: unknown): BoundaryCheck {
  try {
    if (!isObject(value)) fail('must be a GeoJSON geometry object');
    const counter = { positions: 0 };
    if (value.type === 'Polygon') {
      return { valid: true, boundary: { type: 'Polygon', coordinates: polygon(value.coordinates, 'coordinates', counter) } };
    }
    if (value.type === 'MultiPolygon') {
      const polygons = nonEmptyArray(value.coordinates, 'coordinates', 'polygons');
      return {
        valid: true,
        boundary: { type: 'MultiPolygon', coordinates: polygons.map((p, i) => polygon(p, `coordinates[${i}]`, counter)) },
      };
    }
    fail(`type must be Polygon or MultiPolygon, not ${JSON.stringify(value.type ?? null)}`);
  } catch (error) {
    if (error instanceof InvalidBoundary) return { valid: false, reason: error.message };
    throw error;
  }
}

function polygon(value: unknown, path: string, counter: { positions: number }): LinearRing[] {
  return nonEmptyArray(value, path, 'linear rings').map((ring, i) => linearRing(ring, `${path}[${i}]`, counter));
}

function linearRing(value: unknown, path: string, counter: { positions: number }): LinearRing {
  const positions = nonEmptyArray(value, path, 'positions');
  if (positions.length < 4) fail(`${path} is a linear ring of ${positions.length} positions; it needs at least 4`);
  counter.positions += positions.length;
  if (counter.positions > MAX_BOUNDARY_POSITIONS) fail(`has more than ${MAX_BOUNDARY_POSITIONS} positions`);
  const ring = positions.map((p, i) => position(p, `${path}[${i}]`));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first.length !== last.length || first.some((coordinate, i) => coordinate !== last[i])) {
    fail(`${path} is not closed: its first and last positions differ`);
  }
  return ring;
}

function position(value: unknown, path: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) fail(`${path} must be [longitude, latitude] or [longitude, latitude, altitude]`);
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) fail(`${path} must hold numbers only`);
  const [longitude, latitude] = value as number[];
  if (longitude < -180 || longitude > 180) fail(`${path} has longitude ${longitude} outside [-180, 180]`);
  if (latitude < -90 || latitude > 90) fail(`${path} has latitude ${latitude} outside [-90, 90]`);
  return [...(value as number[])];
}

function nonEmptyArray(value: unknown, path: string, items: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail(`${path} must be a non-empty array of ${items}`);
  return value as unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string): never {
  throw new InvalidBoundary(reason);
}

/** class-validator rule for a boundary input (null/undefined pass: the field is optional). */
export function IsGridBoundary(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isGridBoundary',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => value === null || value === undefined || checkBoundary(value).valid,
        defaultMessage: (args: ValidationArguments) => {
          const check = checkBoundary(args.value);
          return check.valid ? 'is not a valid boundary' : `must be a GeoJSON Polygon or MultiPolygon: ${check.reason}`;
        },
      },
    });
}
