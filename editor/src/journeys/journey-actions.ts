import type { Journey } from '@dunwell/journey'
import { loadJourney, saveDraft, type JourneySummary } from '../api/journeys-api'
import { exportVersion } from '../api/versions-api'
import { downloadFile } from '../ui/download-file'
import { freeId } from './read-import'

/** The working copy (draft, else latest version); a journey always has one once it is listed. */
async function workingCopy(id: string): Promise<Journey> {
  const { document } = await loadJourney(id)
  if (!document) throw new Error(`journey "${id}" has no document`)
  return document
}

/**
 * The name lives in the document, so a rename is a draft save: the list shows the new name at once, and a published
 * journey keeps its name in its versions until the draft is published. Nothing published is rewritten.
 */
export async function renameJourney(id: string, name: string): Promise<void> {
  const document = await workingCopy(id)
  await saveDraft({ ...document, name })
}

/** A copy of the working copy under a free id, saved as a new unpublished draft; answers the new id. */
export async function duplicateJourney(journey: JourneySummary, taken: Set<string>): Promise<{ id: string; name: string }> {
  const document = await workingCopy(journey.id)
  const id = freeId(journey.id, taken, '-copy')
  const name = `${document.name} (copy)`.slice(0, 200)
  await saveDraft({ ...document, id, name })
  return { id, name }
}

/** The latest published version as a file, `<id>-v<N>.json`, in the stable form. */
export async function exportLatest(journey: JourneySummary): Promise<void> {
  if (journey.latestVersion === null) throw new Error(`journey "${journey.id}" has no published version`)
  downloadFile(`${journey.id}-v${journey.latestVersion}.json`, await exportVersion(journey.id, journey.latestVersion))
}
