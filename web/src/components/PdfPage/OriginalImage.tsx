/** An image original, shown from its bytes through a blob: URL (the server never serves an
 *  original inline). Only raster types a browser decodes without running anything. */

import type { JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api-client.js'

export const rasterTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
])

export function OriginalImage(props: {
  docId: string
  mediaType: string
  alt: string
}): JSX.Element {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    let made: string | null = null
    void api.original(props.docId).then((bytes) => {
      if (!current) return
      made = URL.createObjectURL(new Blob([bytes], { type: props.mediaType }))
      setUrl(made)
    })
    return () => {
      current = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [props.docId, props.mediaType])
  return url ? <img class="original-image" src={url} alt={props.alt} /> : <span />
}
