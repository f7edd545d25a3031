// Types for linkify-it 5.0.0, which ships none: only what `patterns.ts` uses.
declare module 'linkify-it' {
  interface LinkifyMatch {
    readonly schema: string
    readonly index: number
    readonly lastIndex: number
    readonly raw: string
    readonly text: string
    readonly url: string
  }
  interface LinkifyOptions {
    fuzzyLink?: boolean
    fuzzyEmail?: boolean
    fuzzyIP?: boolean
  }
  class LinkifyIt {
    constructor(schemas?: Record<string, unknown>, options?: LinkifyOptions)
    match(text: string): LinkifyMatch[] | null
    tlds(list: string | string[], keepOld?: boolean): this
  }
  export default LinkifyIt
}
