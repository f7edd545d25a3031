/** Images: PNG, JPEG, TIFF (every page), GIF, BMP and WebP, read by OCR. */
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
}
