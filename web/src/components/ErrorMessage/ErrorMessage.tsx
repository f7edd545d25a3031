/** A request the server refused or could not serve, in the interface's language around the
 *  server's own message. A change the user's role does not allow (FORBIDDEN) says so. */

import type { JSX } from 'preact'
import { ApiError } from '../../api-client.js'
import { useLocale } from '../../i18n.js'

export function ErrorMessage({ error }: { error: unknown }): JSX.Element {
  const { t } = useLocale()
  const refused = error instanceof ApiError && error.code === 'FORBIDDEN'
  const message = error instanceof ApiError ? error.message : String(error)
  // The server writes its messages in English: isolate them, so that in an Arabic or Hebrew
  // sentence the closing parenthesis and full stop stay with the English text.
  const [before = '', after = ''] = t(refused ? 'refused' : 'error', { message: '\u0000' }).split(
    '\u0000',
  )
  return (
    <p class="error" role="alert" data-testid={refused ? 'refused' : 'error'}>
      {before}
      <bdi>{message}</bdi>
      {after}
    </p>
  )
}
