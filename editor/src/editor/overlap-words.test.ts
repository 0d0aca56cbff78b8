import { describe, expect, it } from 'vitest'
import { overlapCatalogue, overlapOutcome } from './overlap-words'

const { en, de } = overlapCatalogue

describe('the publish dialog’s overlap warning', () => {
  it('says that the journey of lower rank number takes the case and the other pauses until it ends', () => {
    const own = { name: 'Hardship', priority: { rank: 1 } }
    const other = { name: 'Friendly', priority: { rank: 50 } }
    expect(overlapOutcome(own, other, en)).toBe(
      'In the group “dunning”, “Hardship” (rank 1) comes before “Friendly” (rank 50): “Hardship” takes the case, and “Friendly” pauses and resumes when “Hardship” has ended.',
    )
    // The same from the other side: which one is being published does not change who comes first.
    expect(overlapOutcome(other, own, en)).toBe(overlapOutcome(own, other, en))
    expect(overlapOutcome(own, other, de)).toBe(
      'In der Gruppe „dunning“ kommt „Hardship“ (Rang 1) vor „Friendly“ (Rang 50): „Hardship“ übernimmt den Fall, und „Friendly“ pausiert und läuft weiter, wenn „Hardship“ beendet ist.',
    )
  })

  it('says that the outranked journey ends when it is set to end', () => {
    const text = overlapOutcome(
      { name: 'Legal', priority: { group: 'collections', rank: 900, whenOutranked: 'end' } },
      { name: 'Soft', priority: { group: 'collections', rank: 10 } },
      en,
    )
    expect(text).toBe('In the group “collections”, “Soft” (rank 10) comes before “Legal” (rank 900): “Soft” takes the case, and “Legal” ends for it.')
    expect(
      overlapOutcome(
        { name: 'Legal', priority: { group: 'collections', rank: 900, whenOutranked: 'end' } },
        { name: 'Soft', priority: { group: 'collections', rank: 10 } },
        de,
      ),
    ).toContain('„Legal“ endet für ihn')
  })

  it('says that both run, and the cap across journeys holds back the later messages, outside one group', () => {
    const cap = 'the policy’s cap across all journeys (by default at most one message a day per debtor, calls aside) holds back the later messages'
    expect(overlapOutcome({ name: 'A', priority: { rank: 1 } }, { name: 'B' }, en)).toBe(
      `“A” and “B” do not exclude each other (“B” has no priority): the case is in both, and ${cap}.`,
    )
    expect(overlapOutcome({ name: 'A' }, { name: 'B' }, en)).toContain('(“A” and “B” have no priority)')
    expect(overlapOutcome({ name: 'A', priority: { rank: 1, group: 'x' } }, { name: 'B', priority: { rank: 2 } }, en)).toBe(
      `“A” and “B” are in different groups (“x”, “dunning”): the case is in both, and ${cap}.`,
    )
    expect(overlapOutcome({ name: 'A' }, { name: 'B' }, de)).toBe(
      '„A“ und „B“ schließen einander nicht aus („A“ und „B“ haben keine Priorität): der Fall ist in beiden, und die Obergrenze der Richtlinie über alle Journeys (standardmäßig höchstens eine Nachricht pro Tag und Schuldner, Anrufe ausgenommen) hält die späteren Nachrichten zurück.',
    )
  })

  it('says that a journey allowed to run in parallel runs beside the other, and that equal ranks decide nothing', () => {
    expect(overlapOutcome({ name: 'A', priority: { rank: 1 } }, { name: 'Survey', priority: { rank: 5, parallel: true } }, en)).toMatch(
      /^“A” and “Survey” are in the group “dunning”, but “Survey” runs beside the others: the case is in both, and the policy’s cap/,
    )
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, en)).toBe(
      '“A” and “B” share rank 7 in the group “dunning”: neither comes first. Give them different ranks to decide which takes the case.',
    )
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, de)).toContain('haben beide Rang 7')
  })
})
