import type { Me } from '@dunwell/contract'
import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react'
import { client } from '../api/journeys-api'
import { discardRefusedKey, sessionRevision, storedApiKey, subscribeToSession } from './api-key-store'
import { SignInScreen } from './SignInScreen'
import { SessionContext } from './use-session'

type State = { status: 'checking' } | { status: 'signed-in'; me: Me } | { status: 'signed-out'; problem?: 'wrong-key' | 'unreachable' }

/**
 * Asks the server who the editor speaks for (`GET /api/me`) before showing anything, and again whenever the key
 * changes or a call is refused: a server with keys answers 401, and the editor asks for one.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const revision = useSyncExternalStore(subscribeToSession, sessionRevision)
  const [state, setState] = useState<State>({ status: 'checking' })

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger: the session is checked again whenever it changes
  useEffect(() => {
    let current = true
    const hadKey = storedApiKey() !== null
    client.GET('/api/me').then(
      ({ data, response }) => {
        if (!current) return
        if (data) setState({ status: 'signed-in', me: data })
        else if (response.status === 401) {
          // A key the server refuses is dropped, so that the next request does not send it again.
          if (hadKey) discardRefusedKey()
          setState({ status: 'signed-out', ...(hadKey ? { problem: 'wrong-key' as const } : {}) })
        } else setState({ status: 'signed-out', problem: 'unreachable' })
      },
      () => current && setState({ status: 'signed-out', problem: 'unreachable' }),
    )
    return () => {
      current = false
    }
  }, [revision])

  if (state.status === 'checking') return null
  // A new screen for every check, so that a refused key shows why instead of "Checking…".
  if (state.status === 'signed-out') return <SignInScreen key={revision} {...(state.problem ? { problem: state.problem } : {})} />
  return <SessionContext.Provider value={state.me}>{children}</SessionContext.Provider>
}
