import type { Journey } from '@dunwell/journey'

const texts = new WeakMap<Journey, string>()

function text(document: Journey): string {
  let cached = texts.get(document)
  if (cached === undefined) texts.set(document, (cached = JSON.stringify(document)))
  return cached
}

/** Unsaved work: a different document, not merely a different object (undoing back to the saved state is clean). */
export function isDirty(state: { document: Journey; saved: Journey }): boolean {
  return state.document !== state.saved && text(state.document) !== text(state.saved)
}
