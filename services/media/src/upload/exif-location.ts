import exifReader from 'exif-reader';

/** Where and when a photo was taken, as its EXIF says (WGS 84 degrees; the camera's clock). */
export interface PhotoLocation {
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  takenAt: Date | null;
}

const EMPTY: PhotoLocation = { latitude: null, longitude: null, altitude: null, takenAt: null };

function degrees(value: unknown, ref: unknown, negative: string): number | null {
  if (!Array.isArray(value) || value.length === 0 || value.some((part) => typeof part !== 'number' || !Number.isFinite(part))) return null;
  const [d, m = 0, s = 0] = value as number[];
  const result = d + m / 60 + s / 3600;
  return ref === negative ? -result : result;
}

/** Reads GPS position and time from an EXIF block (sharp's metadata().exif); nothing when absent or unreadable. */
export function locationFromExif(exif: Buffer | undefined): PhotoLocation {
  if (!exif) return EMPTY;
  let parsed: ReturnType<typeof exifReader>;
  try {
    parsed = exifReader(exif);
  } catch {
    return EMPTY;
  }
  const gps = (parsed.GPSInfo ?? {}) as Record<string, unknown>;
  let latitude = degrees(gps.GPSLatitude, gps.GPSLatitudeRef, 'S');
  let longitude = degrees(gps.GPSLongitude, gps.GPSLongitudeRef, 'W');
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) latitude = longitude = null;
  const rawAltitude = typeof gps.GPSAltitude === 'number' && Number.isFinite(gps.GPSAltitude) ? gps.GPSAltitude : null;
  const altitude = rawAltitude === null ? null : gps.GPSAltitudeRef === 1 ? -rawAltitude : rawAltitude;
  const taken = (parsed.Photo as Record<string, unknown> | undefined)?.DateTimeOriginal;
  const takenAt = taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken : null;
  return { latitude, longitude, altitude: latitude === null ? null : altitude, takenAt };
}
