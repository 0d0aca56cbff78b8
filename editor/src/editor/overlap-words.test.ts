import { describe, expect, it } from 'vitest'
import { overlapCatalogue, overlapOutcome } from './overlap-words'

const { en, de } = overlapCatalogue

describe('the publish dialog’s overlap warning', () => {
  it('says that the journey of lower rank number takes the case and the other pauses until it ends', () => {
    const own = { name: 'Hardship', priority: { rank: 1 } }
    const other = { name: 'Friendly', priority: { rank: 50 } }
    expect(overlapOutcome(own, other, en)).toEqual({
      text: 'In the group “dunning”, “Hardship” (rank 1) comes before “Friendly” (rank 50): “Hardship” takes the case, and “Friendly” pauses and resumes when “Hardship” has ended.',
      both: false,
    })
    // The same from the other side: which one is being published does not change who comes first.
    expect(overlapOutcome(other, own, en)).toEqual(overlapOutcome(own, other, en))
    expect(overlapOutcome(own, other, de).text).toBe(
      'In der Gruppe „dunning“ kommt „Hardship“ (Rang 1) vor „Friendly“ (Rang 50): „Hardship“ übernimmt den Fall, und „Friendly“ pausiert und läuft weiter, wenn „Hardship“ beendet ist.',
    )
  })

  it('says that the outranked journey ends when it is set to end', () => {
    const legal = { name: 'Legal', priority: { group: 'collections', rank: 900, whenOutranked: 'end' as const } }
    const soft = { name: 'Soft', priority: { group: 'collections', rank: 10 } }
    expect(overlapOutcome(legal, soft, en).text).toBe(
      'In the group “collections”, “Soft” (rank 10) comes before “Legal” (rank 900): “Soft” takes the case, and “Legal” ends for it.',
    )
    expect(overlapOutcome(legal, soft, de).text).toContain('„Legal“ endet für ihn')
    // What the journey that comes first would do when outranked does not matter here.
    expect(
      overlapOutcome(
        { ...legal, priority: { ...legal.priority, whenOutranked: undefined } },
        { ...soft, priority: { ...soft.priority, whenOutranked: 'end' } },
        en,
      ).text,
    ).toContain('“Legal” pauses and resumes when “Soft” has ended')
  })

  it('says that both run outside one group, and the dialog adds what the cap across journeys does', () => {
    expect(overlapOutcome({ name: 'A', priority: { rank: 1 } }, { name: 'B' }, en)).toEqual({
      text: '“A” and “B” do not exclude each other (“B” has no priority): the case is in both.',
      both: true,
    })
    expect(overlapOutcome({ name: 'A' }, { name: 'B' }, en).text).toContain('(“A” and “B” have no priority)')
    expect(overlapOutcome({ name: 'A', priority: { rank: 1, group: 'x' } }, { name: 'B', priority: { rank: 2 } }, en)).toEqual({
      text: '“A” and “B” are in different groups (“x”, “dunning”): the case is in both.',
      both: true,
    })
    expect(overlapOutcome({ name: 'A' }, { name: 'B' }, de).text).toBe(
      '„A“ und „B“ schließen einander nicht aus („A“ und „B“ haben keine Priorität): der Fall ist in beiden.',
    )
    expect(en.cap).toBe(
      'Where a case is in several journeys, the policy’s cap across all journeys (by default at most one message a day per debtor, calls aside) holds back the later messages.',
    )
    expect(de.cap).toContain('höchstens eine Nachricht pro Tag und Schuldner, Anrufe ausgenommen')
  })

  it('says that a journey allowed to run in parallel runs beside the other, and that equal ranks decide nothing', () => {
    expect(overlapOutcome({ name: 'A', priority: { rank: 1 } }, { name: 'Survey', priority: { rank: 5, parallel: true } }, en)).toEqual({
      text: '“A” and “Survey” are in the group “dunning”, but “Survey” runs beside the others: the case is in both.',
      both: true,
    })
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, en)).toEqual({
      text: '“A” and “B” share rank 7 in the group “dunning”: neither comes first. Give them different ranks to decide which takes the case.',
      both: false,
    })
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, de).text).toContain('haben beide Rang 7')
  })
})
