/** The workbench shell: header (navigation, language, index progress, the signed-in user) and
 *  the current page, or the sign-in view when a server in server mode asks for one. */

import type { JSX } from 'preact'
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks'
import { api, ApiError } from './api-client.js'
import { IndexProgressBar } from './components/IndexProgress/IndexProgressBar.js'
import {
  browserLocale,
  isRtl,
  LocaleContext,
  localeNames,
  locales,
  translator,
  type Locale,
} from './i18n.js'
import { BatchPage } from './pages/BatchPage.js'
import { DocumentPage } from './pages/DocumentPage.js'
import { EntityPage } from './pages/EntityPage.js'
import { ExplorePage } from './pages/ExplorePage.js'
import { NotesPage } from './pages/NotesPage.js'
import { SearchPage } from './pages/SearchPage.js'
import { SignInPage } from './pages/SignInPage.js'
import { href, useRoute, type Route } from './router.js'
import { sessionState, setSession, useSession } from './session.js'

export function App(): JSX.Element {
  const [locale, setLocaleState] = useState<Locale>(browserLocale)
  const route = useRoute()
  const session = useSession()
  const context = useMemo(
    () => ({
      locale,
      t: translator(locale),
      setLocale: (next: Locale) => {
        localStorage.setItem('daleel.locale', next)
        setLocaleState(next)
      },
    }),
    [locale],
  )
  useLayoutEffect(() => {
    document.documentElement.lang = locale
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr'
    document.title = context.t('appName')
  }, [locale, context])
  useEffect(() => {
    // A reload in server mode: does the session still hold, and what is its CSRF token?
    if (sessionState().mode !== 'checking') return
    api
      .me()
      .then((account) => setSession({ mode: 'signed-in', account }))
      .catch((error: unknown) => {
        // 401: the client has already signed the page out. Anything else (404: this server
        // runs without --auth now): carry on as on a laptop.
        if (!(error instanceof ApiError && error.code === 'AUTH_REQUIRED'))
          setSession({ mode: 'local' })
      })
  }, [])
  const { t } = context
  const open = session.mode === 'local' || session.mode === 'signed-in'
  const signOut = (): void => {
    void api
      .logout()
      .catch(() => undefined)
      .finally(() => setSession({ mode: 'signed-out' }))
  }
  const nav: [Route['name'], string, string][] = [
    ['search', t('navSearch'), href('search')],
    ['explore', t('navExplore'), href('explore')],
    ['batch', t('navBatch'), href('batch')],
    ['notes', t('navNotes'), href('notes')],
  ]
  return (
    <LocaleContext.Provider value={context}>
      <header class="app-header">
        <a class="brand" href={href('search')}>
          <span class="brand-mark" aria-hidden="true">
            د
          </span>
          {t('appName')}
        </a>
        <nav class="app-nav" aria-label="main">
          {open &&
            nav.map(([name, label, link]) => (
              <a key={name} href={link} aria-current={route.name === name ? 'page' : undefined}>
                {label}
              </a>
            ))}
        </nav>
        {session.mode === 'signed-in' && (
          <div class="account">
            <span
              data-testid="account"
              title={t('signedInAs', { user: session.account.user })}
              dir="auto"
            >
              {session.account.user}
            </span>
            <button type="button" data-testid="sign-out" onClick={signOut}>
              {t('signOut')}
            </button>
          </div>
        )}
        <label class="locale-switch">
          <span class="visually-hidden">{t('language')}</span>
          <select
            data-testid="locale"
            value={locale}
            onChange={(event) => context.setLocale(event.currentTarget.value as Locale)}
          >
            {locales.map((code) => (
              <option key={code} value={code} lang={code}>
                {localeNames[code]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {/* /api/progress is for the server's administrators only. */}
      {(session.mode === 'local' || (session.mode === 'signed-in' && session.account.admin)) && (
        <IndexProgressBar />
      )}
      <main class="app-main">
        {session.mode === 'checking' && <p class="hint">{t('loading')}</p>}
        {session.mode === 'signed-out' && <SignInPage />}
        {open && <Page route={route} />}
      </main>
    </LocaleContext.Provider>
  )
}

function Page({ route }: { route: Route }): JSX.Element {
  switch (route.name) {
    case 'doc':
      return <DocumentPage key={route.parts[0]} route={route} />
    case 'entity':
      return <EntityPage key={route.parts.join('/')} route={route} />
    case 'batch':
      return <BatchPage />
    case 'notes':
      return <NotesPage route={route} />
    case 'explore':
      return <ExplorePage />
    case 'search':
      return <SearchPage route={route} />
  }
}
