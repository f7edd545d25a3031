/** Everything known about a document: hashes, the container tree with its parent and children,
 *  dates, encoding, languages, the extraction method and, per page, language and warnings. */

import type { JSX } from 'preact'
import type { DocumentView, StoredPassage } from '../../api-types.js'
import { fileName } from '../../bidi.js'
import { useLocale, type MessageKey } from '../../i18n.js'
import { href } from '../../router.js'
import { Isolated } from '../Snippet/Snippet.js'

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

export function DocumentMetadata(props: {
  doc: DocumentView
  passages: readonly StoredPassage[]
}): JSX.Element {
  const { t } = useLocale()
  const { doc } = props
  const fields: [MessageKey, string | JSX.Element][] = [
    ['fieldId', <code key="id">{doc.id}</code>],
    ['fieldPath', <Isolated key="path" text={doc.path} />],
    ['fieldType', `${doc.type} (${doc.mediaType})`],
    ['fieldSize', formatBytes(doc.size)],
    [
      'fieldSha256',
      <code key="sha" class="hash">
        {doc.sha256}
      </code>,
    ],
    ['fieldPages', doc.pageCount === null ? '–' : String(doc.pageCount)],
    ['fieldLanguage', [doc.lang ?? '–', ...doc.langs.filter((l) => l !== doc.lang)].join(', ')],
    ['fieldEncoding', doc.encoding ?? '–'],
    ['fieldMethod', doc.method],
    ['fieldCollection', doc.collection],
    ['fieldModified', doc.modified ?? '–'],
    ['fieldIndexed', doc.indexedAt],
  ]
  const pages = new Map<number, Set<string>>()
  for (const passage of props.passages) {
    if (passage.page === null) continue
    const langs = pages.get(passage.page) ?? new Set<string>()
    if (passage.lang) langs.add(passage.lang)
    pages.set(passage.page, langs)
  }
  return (
    <div class="metadata" data-testid="metadata">
      <dl>
        {fields.map(([key, value]) => (
          <div key={key} class="field">
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {Object.entries(doc.metadata).map(([key, value]) => (
          <div key={key} class="field">
            <dt>
              <code>{key}</code>
            </dt>
            <dd>
              <Isolated text={Array.isArray(value) ? value.join('; ') : String(value)} />
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('containerTree')}</h3>
      <ul class="tree">
        {doc.ancestors.map((ancestor) => (
          <li key={ancestor.id}>
            <a href={href('doc', [ancestor.id])}>
              <Isolated text={fileName(ancestor.path)} />
            </a>
          </li>
        ))}
        <li aria-current="true">
          <strong>
            <Isolated text={fileName(doc.path)} />
          </strong>
          {doc.children.length > 0 && (
            <ul aria-label={t('children')}>
              {doc.children.map((child) => (
                <li key={child.id}>
                  <a href={href('doc', [child.id])}>
                    <Isolated text={fileName(child.path)} />
                  </a>{' '}
                  <span class="badge">{child.type}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
      {pages.size > 0 && (
        <>
          <h3>{t('pageLanguages')}</h3>
          <table class="page-table">
            <tbody>
              {[...pages].map(([page, langs]) => (
                <tr key={page}>
                  <td>{t('page', { page })}</td>
                  <td>{[...langs].join(', ') || '–'}</td>
                  <td>{doc.method}</td>
                  <td>
                    {doc.warnings
                      .filter((warning) => warning.page === page)
                      .map((warning) => warning.code)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {doc.warnings.length > 0 && (
        <>
          <h3>{t('warnings')}</h3>
          <ul>
            {doc.warnings.map((warning, index) => (
              <li key={index}>
                <code>{warning.code}</code>
                {warning.page ? ` (${t('page', { page: warning.page })})` : ''}: {warning.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
