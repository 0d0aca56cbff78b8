import { format, type Journey } from '@dunwell/journey'

/**
 * A document as the stable text the server exports, so that a draft diffs cleanly against a version. An unfinished
 * draft may not fit the schema (`format` refuses it): it is shown as plain indented JSON instead.
 */
export function stableText(document: Journey): string {
  try {
    return format(document)
  } catch {
    return `${JSON.stringify(document, null, 2)}\n`
  }
}
