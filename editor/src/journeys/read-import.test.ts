import { format } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { freeId, MAX_IMPORT_BYTES, readImport, refuseLargeFile } from './read-import'

describe('readImport', () => {
  it('reads an exported version back as the same document, valid', () => {
    const verdict = readImport('sample-v1.json', format(sampleJourney()))
    expect(verdict).toEqual({ ok: true, file: 'sample-v1.json', document: sampleJourney(), diagnostics: [], valid: true })
  })

  it('keeps an unfinished journey, with what is wrong and where', () => {
    const broken = sampleJourney()
    delete (broken.templates as Record<string, unknown>).reminder
    const verdict = readImport('broken.json', JSON.stringify(broken))
    expect(verdict).toMatchObject({ ok: true, valid: false, document: broken })
    expect(verdict.ok && verdict.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-template', nodeId: 'mail', path: ['nodes', 3, 'data', 'template'] }),
    ])
  })

  it('says where a file stops being JSON', () => {
    expect(readImport('notes.txt', '{"format": "dunwell/journey@1",\n  "id": oops }')).toEqual({
      ok: false,
      file: 'notes.txt',
      message: expect.stringMatching(/^This file is not valid JSON at line 2, column \d+/),
    })
  })

  it('refuses JSON that is no journey, or a journey without an id', () => {
    expect(readImport('a.json', '[1, 2]')).toMatchObject({ ok: false, message: 'This file is not a journey: a journey must be a JSON object, not a list.' })
    expect(readImport('b.json', '{"hello": "world"}')).toMatchObject({ ok: false, message: expect.stringContaining('"format" is missing') })
    expect(readImport('c.json', '{"format": "dunwell/journey@1", "name": "No id"}')).toMatchObject({
      ok: false,
      message: 'This journey cannot be imported: it has no "id".',
    })
    expect(readImport('d.json', '{"format": "dunwell/journey@1", "id": "../etc"}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('is not valid'),
    })
  })
})

describe('freeId', () => {
  it('adds a number until the id is free', () => {
    expect(freeId('tone', new Set())).toBe('tone')
    expect(freeId('tone', new Set(['tone', 'tone-2']))).toBe('tone-3')
    expect(freeId('tone', new Set(['tone-copy']), '-copy')).toBe('tone-copy-2')
  })
})

describe('refuseLargeFile', () => {
  it('refuses a file larger than the server takes, before reading it', () => {
    expect(refuseLargeFile('big.json', MAX_IMPORT_BYTES)).toBeUndefined()
    expect(refuseLargeFile('big.json', 5 * 1024 * 1024)).toEqual({
      ok: false,
      file: 'big.json',
      message: 'This file is 5.0 MB; a journey file can be at most 2 MB.',
    })
  })
})
