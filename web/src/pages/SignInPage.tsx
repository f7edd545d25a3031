/** The sign-in view of server mode (`daleel serve --auth`): name and password, and the server's
 *  own message when it refuses (wrong password, too many attempts). */

import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, ApiError } from '../api-client.js'
import { useLocale } from '../i18n.js'
import { setSession } from '../session.js'

export function SignInPage(): JSX.Element {
  const { t } = useLocale()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const nameRef = useRef<HTMLInputElement>(null)
  useEffect(() => nameRef.current?.focus(), [])

  const signIn = async (): Promise<void> => {
    setBusy(true)
    try {
      const account = await api.login(name.trim(), password)
      setSession({ mode: 'signed-in', account })
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught))
      setPassword('')
      setBusy(false)
    }
  }
  return (
    <form
      class="sign-in"
      data-testid="sign-in"
      onSubmit={(event) => {
        event.preventDefault()
        if (!busy && name.trim() && password) void signIn()
      }}
    >
      <h1>{t('signInTitle')}</h1>
      <p class="hint">{t('signInIntro')}</p>
      <label>
        {t('userName')}
        <input
          ref={nameRef}
          name="name"
          dir="auto"
          autoComplete="username"
          spellcheck={false}
          required
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert" data-testid="sign-in-error">
          <bdi>{error}</bdi>
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  )
}
