/** The contract's query syntax, one line each, in the interface language. */

import type { JSX } from 'preact'
import { useLocale } from '../../i18n.js'

export function QueryHelp(): JSX.Element {
  const { t } = useLocale()
  const rows: [string, string][] = [
    ['وزارة المالية', t('helpWords')],
    ['a OR b   NOT a   -a   ( … )', t('helpOr')],
    ['"משרד האוצר"   "a b"~5', t('helpPhrase')],
    ['minist*', t('helpPrefix')],
    ['lang:ar type:pdf path:… entity:… date:2024-01..2024-06 tag:… note:…', t('helpFilters')],
  ]
  return (
    <details class="query-help">
      <summary>{t('queryHelp')}</summary>
      <table>
        <tbody>
          {rows.map(([syntax, meaning]) => (
            <tr key={syntax}>
              <td>
                <code dir="ltr">
                  <bdi>{syntax}</bdi>
                </code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('helpVariants')}</p>
    </details>
  )
}
