import { describe, expect, it } from 'vitest'
import { CURRENT_FORMAT_VERSION, JOURNEY_FORMAT, migrateJourney, validate, type Migration } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'

describe('migrateJourney', () => {
  it('leaves a current document as it is, without touching the input', () => {
    const journey = sampleJourney()
    const result = migrateJourney(journey)
    expect(result).toEqual({ ok: true, document: journey })
    if (result.ok) expect(result.document).not.toBe(journey)
  })

  it('runs every step from an older version forward, in order', () => {
    // A hypothetical history: version 1 called the branch list `rules`, version 2 `paths`.
    const steps: Migration[] = [
      {
        from: 2,
        up: (doc) => ({ ...doc, nodes: (doc.nodes as { data: Record<string, unknown> }[]).map((n) => ({ ...n, data: rename(n.data, 'paths', 'branches') })) }),
      },
      {
        from: 1,
        up: (doc) => ({ ...doc, nodes: (doc.nodes as { data: Record<string, unknown> }[]).map((n) => ({ ...n, data: rename(n.data, 'rules', 'paths') })) }),
      },
    ]
    const old = sampleJourney() as unknown as Record<string, any>
    old.format = 'dunwell/journey@1'
    old.nodes[1].data = { rules: old.nodes[1].data.branches }
    const result = migrateJourney(old, steps, 3)
    expect(result).toMatchObject({ ok: true, migratedFrom: 1 })
    if (!result.ok) return
    expect(result.document.format).toBe('dunwell/journey@3')
    expect((result.document.nodes as any)[1].data).toEqual({ branches: (sampleJourney().nodes[1]!.data as { branches: unknown }).branches })
    expect(old.nodes[1].data.rules).toBeDefined()
  })

  it('says so when a document is newer than this Dunwell, and validate reports it', () => {
    const newer = { ...sampleJourney(), format: `dunwell/journey@${CURRENT_FORMAT_VERSION + 1}` }
    expect(migrateJourney(newer)).toMatchObject({ ok: false, diagnostic: { code: 'unknown-format' } })
    expect(validate(newer)[0]!.message).toContain('newer Dunwell')
  })

  it('is at the current format for documents it writes', () => {
    expect(JOURNEY_FORMAT).toBe(`dunwell/journey@${CURRENT_FORMAT_VERSION}`)
  })
})

function rename(data: Record<string, unknown>, from: string, to: string) {
  if (!(from in data)) return data
  const { [from]: value, ...rest } = data
  return { ...rest, [to]: value }
}
