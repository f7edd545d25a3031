/** Who is using the workbench. On a laptop (`daleel serve`) nobody signs in: the mode is `local`.
 *  In server mode (`daleel serve --auth`) the server answers 401 AUTH_REQUIRED until the user
 *  signs in; the session itself is an httpOnly cookie the page never sees, and this module keeps
 *  only what the page needs: the name, the roles and the CSRF token, in memory. The API client
 *  reads and updates it; the shell renders from it. */

import { useEffect, useState } from 'preact/hooks'

/** The signed-in user, as `/api/login` and `/api/me` describe them. */
export interface Account {
  readonly user: string
  readonly admin: boolean
  readonly csrf: string | null
  readonly collections: readonly { readonly name: string; readonly role: string }[]
}

/** `checking`: asking `/api/me` whether the session still holds; `signed-out`: the sign-in view. */
export type SessionState =
  | { readonly mode: 'local' }
  | { readonly mode: 'checking' }
  | { readonly mode: 'signed-out' }
  | { readonly mode: 'signed-in'; readonly account: Account }

// Remembers that this origin is a server-mode server, so a reload asks /api/me at once. Without
// the hint the page starts as on a laptop and learns of server mode from the first 401: asking
// /api/me of a laptop server would be a 404 in the console on every load.
const serverModeKey = 'daleel.serverMode'

let state: SessionState = { mode: localStorage.getItem(serverModeKey) ? 'checking' : 'local' }
let epoch = 0
const listeners = new Set<(next: SessionState) => void>()

export function sessionState(): SessionState {
  return state
}

/** Changes whenever the user changes: whatever a page cached belongs to the previous one. */
export function sessionEpoch(): number {
  return epoch
}

/** The token every non-GET request of a session must send as `x-csrf-token`. */
export function csrfToken(): string | null {
  return state.mode === 'signed-in' ? state.account.csrf : null
}

export function setSession(next: SessionState): void {
  if (next.mode === 'signed-in' || next.mode === 'signed-out')
    localStorage.setItem(serverModeKey, '1')
  if (next.mode === 'local') localStorage.removeItem(serverModeKey)
  const user = (s: SessionState): string | null => (s.mode === 'signed-in' ? s.account.user : null)
  if (user(next) !== user(state) || next.mode === 'signed-out') epoch += 1
  state = next
  for (const listener of listeners) listener(next)
}

/** The current session state, re-rendering the component when it changes. */
export function useSession(): SessionState {
  const [current, setCurrent] = useState(state)
  useEffect(() => {
    listeners.add(setCurrent)
    setCurrent(state)
    return () => {
      listeners.delete(setCurrent)
    }
  }, [])
  return current
}
