function language(locale: string): string {
  return locale.split('-')[0] ?? locale
}

/** `de_AT` and `de-at` are what callers send for `de-AT`; compare tags case- and separator-insensitively. */
function normalise(locale: string): string {
  return locale.trim().replace(/_/g, '-').toLowerCase()
}

function closest(available: string[], wanted: string): string | undefined {
  const tag = normalise(wanted)
  const lang = language(tag)
  const normalised = available.map(normalise)
  const at = (index: number) => (index >= 0 ? available[index] : undefined)
  return (
    at(normalised.indexOf(tag)) ?? // de-AT
    at(normalised.indexOf(lang)) ?? // de
    at(normalised.findIndex((candidate) => language(candidate) === lang)) // de-CH, in the order given
  )
}

/**
 * The locale to write in: the wanted one, else its language, else another variant of that language, else the
 * fallback (matched the same way, so a fallback `de` finds a `de-DE` text). Returns `fallback` when nothing fits. A
 * `preferred` locale (the debtor's own choice) is tried first, the same way.
 */
export function chooseLocale(available: string[], wanted: string | undefined, fallback: string, preferred?: string): string {
  return (
    (preferred ? closest(available, preferred) : undefined) ?? (wanted ? closest(available, wanted) : undefined) ?? closest(available, fallback) ?? fallback
  )
}
