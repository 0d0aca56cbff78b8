import { useCallback, useRef } from 'react'

let sessions = 0

/**
 * One name per focus of a field: the keystrokes typed between focusing and leaving it are one undo step, and
 * the next visit to the same field is another.
 */
export function useEditSession(name: string) {
  const session = useRef<string | undefined>(undefined)
  const start = useCallback(() => {
    session.current = `${name}#${++sessions}`
  }, [name])
  const current = useCallback(() => session.current ?? `${name}#${++sessions}`, [name])
  const end = useCallback(() => {
    session.current = undefined
  }, [])
  return { start, current, end }
}
