/** Types for word-extractor 1.0.4, which ships none: only the calls the .doc reader makes. */
declare module 'word-extractor' {
  interface WordDocument {
    getBody(): string
    getFootnotes(): string
    getEndnotes(): string
    getHeaders(options?: { includeFooters?: boolean }): string
    getFooters(): string
    getAnnotations(): string
    getTextboxes(options?: { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string
  }

  class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>
  }

  export default WordExtractor
}
