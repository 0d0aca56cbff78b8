import { describe, expect, it } from 'vitest'
import { minimalEdit } from './minimal-edit'

const apply = (before: string, after: string) => {
  const edit = minimalEdit(before, after)
  return edit ? before.slice(0, edit.start) + edit.text + before.slice(edit.end) : before
}

describe('minimalEdit', () => {
  it('replaces only what changed', () => {
    expect(minimalEdit('"label": "Polite letter"', '"label": "Courteous letter"')).toEqual({ start: 10, end: 16, text: 'Courteous' })
    expect(minimalEdit('abc', 'abc')).toBeUndefined()
  })

  it('handles insertions, deletions and repeated characters', () => {
    for (const [before, after] of [
      ['aaa', 'aaaa'],
      ['aaaa', 'aa'],
      ['', 'x'],
      ['x', ''],
      ['abcabc', 'abc'],
      ['{\n  "a": 1\n}\n', '{\n  "a": 1,\n  "b": 2\n}\n'],
    ]) {
      expect(apply(before!, after!)).toBe(after)
    }
  })
})
