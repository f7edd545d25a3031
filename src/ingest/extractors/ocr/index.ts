/** OCR: tesseract.js with the Arabic, Hebrew and English models, offline. Formats (images,
 *  scanned PDF pages) hand it pixels or image bytes and get text back. */
export {
  canvasLibrary,
  decodeImage,
  drawToGray,
  ImageTooLargeError,
  MAX_DECODED_PIXELS,
  MAX_OCR_PIXELS,
  readImageSize,
  type DecodedImage,
} from './decode-image.js'
export { grayFromRgba, type GrayImage } from './gray-image.js'
export { cleanOcrLine, type OcrScript } from './ocr-text.js'
export {
  recognizePage,
  type CanvasLike,
  type OcrImage,
  type OcrLine,
  type OcrPage,
  type RecognizeOptions,
} from './recognize.js'
export {
  OcrEngineError,
  OcrImageError,
  tesseractRuntime,
  type OcrLanguage,
} from './tesseract-runtime.js'
