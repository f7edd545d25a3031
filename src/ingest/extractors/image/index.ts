/** Images: PNG, JPEG, TIFF (every page), GIF, BMP, WebP and JPEG 2000, read by OCR. */
import type { Extractor } from '../../extractor.js'
import { ImageExtractor } from './image-extractor.js'

const imageExtractor = new ImageExtractor()

export const imageExtractors: Readonly<Record<string, Extractor>> = {
  'image/png': imageExtractor,
  'image/jpeg': imageExtractor,
  'image/tiff': imageExtractor,
  'image/gif': imageExtractor,
  'image/bmp': imageExtractor,
  'image/webp': imageExtractor,
  'image/jp2': imageExtractor,
  'image/jpx': imageExtractor,
  'image/j2c': imageExtractor,
}
