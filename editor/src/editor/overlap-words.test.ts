import { describe, expect, it } from 'vitest'
import { overlapCatalogue, overlapOutcome } from './overlap-words'

const { en, de } = overlapCatalogue

describe('the publish dialog’s overlap warning', () => {
  it('says that only the journey of lower rank number starts, and that one the other holds pauses until it ends', () => {
    const own = { name: 'Hardship', priority: { rank: 1 } }
    const other = { name: 'Friendly', priority: { rank: 50 } }
    expect(overlapOutcome(own, other, en)).toEqual({
      text: 'In the group “dunning”, “Hardship” (rank 1) comes before “Friendly” (rank 50): a case that gets the event enters “Hardship” only, and “Friendly” does not start for it. A case already in “Friendly” when “Hardship” starts pauses there and resumes when “Hardship” has ended.',
      both: false,
    })
    // The same from the other side: which one is being published does not change who comes first.
    expect(overlapOutcome(other, own, en)).toEqual(overlapOutcome(own, other, en))
    expect(overlapOutcome(own, other, de).text).toBe(
      'In der Gruppe „dunning“ kommt „Hardship“ (Rang 1) vor „Friendly“ (Rang 50): ein Fall, der das Ereignis erhält, tritt nur in „Hardship“ ein, „Friendly“ startet für ihn nicht. Ein Fall, der schon in „Friendly“ ist, wenn „Hardship“ startet, pausiert dort und läuft weiter, wenn „Hardship“ beendet ist.',
    )
  })

  it('says that a case the outranked journey holds leaves it when that journey is set to end', () => {
    const legal = { name: 'Legal', priority: { group: 'collections', rank: 900, whenOutranked: 'end' as const } }
    const soft = { name: 'Soft', priority: { group: 'collections', rank: 10 } }
    expect(overlapOutcome(legal, soft, en).text).toBe(
      'In the group “collections”, “Soft” (rank 10) comes before “Legal” (rank 900): a case that gets the event enters “Soft” only, and “Legal” does not start for it. A case already in “Legal” when “Soft” starts leaves “Legal”.',
    )
    expect(overlapOutcome(legal, soft, de).text).toContain('wenn „Soft“ startet, verlässt „Legal“.')
    // What the journey that comes first would do when outranked does not matter here.
    const pausing = { ...legal, priority: { group: 'collections', rank: 900 } }
    const ending = { ...soft, priority: { ...soft.priority, whenOutranked: 'end' as const } }
    expect(overlapOutcome(pausing, ending, en).text).toContain('A case already in “Legal” when “Soft” starts pauses there and resumes when “Soft” has ended.')
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

  it('says that a journey allowed to run in parallel runs beside the other, and that equal ranks leave the choice to the runtime', () => {
    expect(overlapOutcome({ name: 'A', priority: { rank: 1 } }, { name: 'Survey', priority: { rank: 5, parallel: true } }, en)).toEqual({
      text: '“A” and “Survey” are in the group “dunning”, but “Survey” runs beside the others: the case is in both.',
      both: true,
    })
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, en)).toEqual({
      text: '“A” and “B” share rank 7 in the group “dunning”: a case enters whichever the runtime takes first, and the other does not start for it. Give them different ranks to decide which.',
      both: false,
    })
    expect(overlapOutcome({ name: 'A', priority: { rank: 7 } }, { name: 'B', priority: { rank: 7 } }, de).text).toContain('haben beide Rang 7')
  })
})
