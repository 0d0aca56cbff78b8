import { describeEntryTrigger, type Journey, type Priority } from '@dunwell/journey'
import { listJourneys } from '../api/journeys-api'
import { loadVersion } from '../api/versions-api'

export interface Overlap {
  id: string
  name: string
  /** The other journey's entry condition, when it has one. */
  when?: string
  /** Its live version's priority: with this journey's it decides which of them a case is in. */
  priority?: Priority
}

/** The event a journey starts on (or the day past due, in words), and its entry condition. */
export function entryOf(document: Journey): { event: string; when?: string } | undefined {
  const entry = document.nodes.find((node) => node.type === 'entry')
  if (entry?.type !== 'entry') return undefined
  const event = 'event' in entry.data ? entry.data.event : describeEntryTrigger(entry.data)
  return { event, ...(entry.data.filter ? { when: entry.data.filter } : {}) }
}

/**
 * The other running journeys whose live version starts on the same event: a case that gets it enters each of them
 * (their entry conditions permitting); their priorities say which of them holds it (overlap-words.ts).
 */
export async function overlappingJourneys(document: Journey): Promise<Overlap[]> {
  const own = entryOf(document)
  if (!own) return []
  const others = (await listJourneys()).filter((journey) => journey.id !== document.id && journey.status === 'active' && journey.latestVersion !== null)
  const live = await Promise.all(
    others.map(async (journey) => ({ journey, version: await loadVersion(journey.id, journey.latestVersion!).catch(() => undefined) })),
  )
  return live.flatMap(({ journey, version }) => {
    const entry = version?.document ? entryOf(version.document) : undefined
    if (entry?.event !== own.event) return []
    const priority = version?.document?.settings?.priority
    return [{ id: journey.id, name: journey.name, ...(entry.when ? { when: entry.when } : {}), ...(priority ? { priority } : {}) }]
  })
}
