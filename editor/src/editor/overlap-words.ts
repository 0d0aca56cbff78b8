import { DEFAULT_PRIORITY_GROUP, type Priority } from '@dunwell/journey'
import { language, type Language } from '../import/strings'

/** A journey as the overlap warning names it. */
export interface NamedJourney {
  name: string
  priority?: Priority | undefined
}

const en = {
  intro: (event: string) => `Cases that receive ${event} also enter other running journeys:`,
  onlyWhere: (name: string) => `“${name}” admits only cases where`,
  hint: 'Narrow an entry condition, or set priorities in Settings, if that is not meant.',
  ranked: (winner: string, winnerRank: number, loser: string, loserRank: number, group: string, end: boolean) =>
    `In the group “${group}”, “${winner}” (rank ${winnerRank}) comes before “${loser}” (rank ${loserRank}): a case that gets the event enters “${winner}” only, and “${loser}” does not start for it. A case already in “${loser}” when “${winner}” starts ${end ? `leaves “${loser}”` : `pauses there and resumes when “${winner}” has ended`}.`,
  sameRank: (a: string, b: string, group: string, rank: number) =>
    `“${a}” and “${b}” share rank ${rank} in the group “${group}”: a case enters whichever the runtime takes first, and the other does not start for it. Give them different ranks to decide which.`,
  parallel: (a: string, b: string, group: string, beside: string) =>
    `“${a}” and “${b}” are in the group “${group}”, but “${beside}” runs beside the others: the case is in both.`,
  noPriority: (a: string, b: string, without: string[]) =>
    `“${a}” and “${b}” do not exclude each other (${without.map((name) => `“${name}”`).join(' and ')} ${without.length === 1 ? 'has' : 'have'} no priority): the case is in both.`,
  otherGroups: (a: string, b: string, groupA: string, groupB: string) =>
    `“${a}” and “${b}” are in different groups (“${groupA}”, “${groupB}”): the case is in both.`,
  cap: 'Where a case is in several journeys, the policy’s cap across all journeys (by default at most one message a day per debtor, calls aside) holds back the later messages.',
}

type OverlapWords = typeof en

const de: OverlapWords = {
  intro: (event) => `Fälle, die ${event} erhalten, treten auch in andere laufende Journeys ein:`,
  onlyWhere: (name) => `„${name}“ nimmt nur Fälle auf, für die gilt:`,
  hint: 'Schränken Sie eine Eintrittsbedingung ein oder setzen Sie Prioritäten in den Einstellungen, wenn das nicht gewollt ist.',
  ranked: (winner, winnerRank, loser, loserRank, group, end) =>
    `In der Gruppe „${group}“ kommt „${winner}“ (Rang ${winnerRank}) vor „${loser}“ (Rang ${loserRank}): ein Fall, der das Ereignis erhält, tritt nur in „${winner}“ ein, „${loser}“ startet für ihn nicht. Ein Fall, der schon in „${loser}“ ist, wenn „${winner}“ startet, ${end ? `verlässt „${loser}“` : `pausiert dort und läuft weiter, wenn „${winner}“ beendet ist`}.`,
  sameRank: (a, b, group, rank) =>
    `„${a}“ und „${b}“ haben beide Rang ${rank} in der Gruppe „${group}“: ein Fall tritt in die ein, die die Laufzeit zuerst nimmt, die andere startet für ihn nicht. Geben Sie ihnen verschiedene Ränge, um das zu entscheiden.`,
  parallel: (a, b, group, beside) => `„${a}“ und „${b}“ sind in der Gruppe „${group}“, aber „${beside}“ läuft neben den anderen: der Fall ist in beiden.`,
  noPriority: (a, b, without) =>
    `„${a}“ und „${b}“ schließen einander nicht aus (${without.map((name) => `„${name}“`).join(' und ')} ${without.length === 1 ? 'hat' : 'haben'} keine Priorität): der Fall ist in beiden.`,
  otherGroups: (a, b, groupA, groupB) => `„${a}“ und „${b}“ sind in verschiedenen Gruppen („${groupA}“, „${groupB}“): der Fall ist in beiden.`,
  cap: 'Wo ein Fall in mehreren Journeys ist, hält die Obergrenze der Richtlinie über alle Journeys (standardmäßig höchstens eine Nachricht pro Tag und Schuldner, Anrufe ausgenommen) die späteren Nachrichten zurück.',
}

export const overlapCatalogue: Record<Language, OverlapWords> = { en, de }
export const overlapWords: OverlapWords = overlapCatalogue[language]

/** What happens to a case that enters both journeys; `both` when it stays in both (and the cap across journeys applies). */
export interface OverlapOutcome {
  text: string
  both: boolean
}

/**
 * What the runtime's governance does with a case that gets the event both journeys start on, in words: within one
 * priority group only the journey of lower rank number starts (the other does not; one already holding the case
 * pauses or ends, as its `whenOutranked` says), unless one of them runs in parallel; outside a shared group both run
 * and the cross-journey cap holds back the later messages.
 */
export function overlapOutcome(own: NamedJourney, other: NamedJourney, words: OverlapWords = overlapWords): OverlapOutcome {
  const a = own.name
  const b = other.name
  if (!own.priority || !other.priority) {
    const without = [own, other].filter((journey) => !journey.priority).map((journey) => journey.name)
    return { text: words.noPriority(a, b, without), both: true }
  }
  const groupA = own.priority.group ?? DEFAULT_PRIORITY_GROUP
  const groupB = other.priority.group ?? DEFAULT_PRIORITY_GROUP
  if (groupA !== groupB) return { text: words.otherGroups(a, b, groupA, groupB), both: true }
  const beside = [own, other].find((journey) => journey.priority?.parallel)
  if (beside) return { text: words.parallel(a, b, groupA, beside.name), both: true }
  if (own.priority.rank === other.priority.rank) return { text: words.sameRank(a, b, groupA, own.priority.rank), both: false }
  const first = own.priority.rank < other.priority.rank
  const [winner, loser] = first ? [a, b] : [b, a]
  const [winnerPriority, loserPriority] = first ? [own.priority, other.priority] : [other.priority, own.priority]
  return { text: words.ranked(winner, winnerPriority.rank, loser, loserPriority.rank, groupA, loserPriority.whenOutranked === 'end'), both: false }
}
