/** The workbench shell: header (navigation, language, index progress) and the current page. */

import type { JSX } from 'preact'
import { useLayoutEffect, useMemo, useState } from 'preact/hooks'
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
import { href, useRoute, type Route } from './router.js'

export function App(): JSX.Element {
  const [locale, setLocaleState] = useState<Locale>(browserLocale)
  const route = useRoute()
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
  const { t } = context
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
          {nav.map(([name, label, link]) => (
            <a key={name} href={link} aria-current={route.name === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
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
      <IndexProgressBar />
      <main class="app-main">
        <Page route={route} />
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
