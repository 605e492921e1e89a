import sharp, { type Metadata } from 'sharp';
import type { AcceptedMime } from './content-check.js';
import { locationFromExif, type PhotoLocation } from './exif-location.js';

export const THUMBNAIL_SIZE = 320;
/** Decoding a photo larger than this many pixels is refused (a decompression bomb, not a phone photo). */
export const MAX_PIXELS = 100_000_000;

export interface CleanedImage {
  data: Buffer;
  mime: AcceptedMime;
  width: number;
  height: number;
  thumbnail: Buffer;
  location: PhotoLocation;
}

export class UnreadableImageError extends Error {}

/**
 * Decodes the photo, turns it upright (EXIF orientation) and encodes it again in its own format with no
 * metadata at all (sharp writes none unless asked): EXIF location, camera serials and anything appended
 * after the image data are gone from what is served. The location is returned as data instead.
 * A 320 px WebP thumbnail is made from the same decode.
 */
export async function cleanImage(input: Buffer, mime: AcceptedMime): Promise<CleanedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch (error) {
    throw new UnreadableImageError(`the image cannot be read: ${(error as Error).message}`);
  }
  const location = locationFromExif(metadata.exif);
  const upright = () => sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
  let pipeline = upright();
  switch (mime) {
    case 'image/jpeg':
      pipeline = pipeline.jpeg({ quality: 88, mozjpeg: true });
      break;
    case 'image/png':
      pipeline = pipeline.png({ compressionLevel: 8 });
      break;
    case 'image/webp':
      pipeline = pipeline.webp({ quality: 88 });
      break;
    case 'image/avif':
      pipeline = pipeline.avif({ quality: 60 });
      break;
    default:
      throw new UnreadableImageError(`${mime} is not an image`);
  }
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumbnail = await upright().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { data, mime, width: info.width, height: info.height, thumbnail, location };
  } catch (error) {
    throw new UnreadableImageError(`the image cannot be read: ${(error as Error).message}`);
  }
}
