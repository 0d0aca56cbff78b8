import { describe, expect, it } from 'vitest'
import { FAILED_HANDLE, nodeKindOf, nodeTypes, pauses } from '@dunwell/journey'

describe('every node kind', () => {
  it('words how long a case waits at it and which way it decides, when it does', () => {
    for (const type of nodeTypes) {
      const kind = nodeKindOf(type)!
      expect({ type, holds: kind.holds !== null, waiting: kind.trace.waiting !== null }).toEqual({
        type,
        holds: kind.holds !== null,
        waiting: kind.holds !== null,
      })
      const outcomes = kind.handles(kind.defaults)
      // More than one outcome, none of them a channel's `failed`: the step picks one, and a test run says which.
      if (outcomes.length > 1 && !outcomes.some((outcome) => outcome.id === FAILED_HANDLE)) expect(kind.trace.decided, type).not.toBeNull()
    }
  })

  it('breaks a loop exactly when it holds a case, for as many days as its defaults say', () => {
    for (const type of nodeTypes) {
      const kind = nodeKindOf(type)!
      expect(pauses(type), type).toBe(kind.holds !== null)
      if (kind.holds) expect(kind.holds(kind.defaults), type).toBeGreaterThan(0)
    }
    expect(pauses('no-such-kind')).toBe(false)
  })

  it('says on the canvas what a fresh step of it does', () => {
    for (const type of nodeTypes) {
      const kind = nodeKindOf(type)!
      expect(kind.summary(kind.defaults), type).not.toBe('')
    }
  })
})
