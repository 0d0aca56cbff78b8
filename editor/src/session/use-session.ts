import type { Me } from '@dunwell/contract'
import { createContext, useContext } from 'react'

/** Who is signed in: set by SessionGate, which renders the editor only once it knows. */
export const SessionContext = createContext<Me | null>(null)

export function useSession(): Me | null {
  return useContext(SessionContext)
}

/** Whether the signed-in role may do something (`journeys:publish`, `cases:write`…): what it may not, it is not shown. */
export function useCan(permission: string): boolean {
  const me = useContext(SessionContext)
  return me ? me.permissions.includes(permission) : false
}
