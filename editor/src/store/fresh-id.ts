/** Ids are slugs of at most 64 characters. */
const MAX_ID = 64

/**
 * The first of `base-1`, `base-2`, … that is not taken, e.g. `email-2`; with `keepBase`, `base` itself when free.
 * Adds what it returns to `taken`, so that one call per new item gives distinct ids.
 */
export function freshId(base: string, taken: Set<string>, keepBase = false): string {
  const stem = (base.replace(/-\d+$/, '') || 'node').slice(0, MAX_ID - 6)
  let id = keepBase && base.length <= MAX_ID && !taken.has(base) ? base : ''
  for (let n = 1; !id; n++) if (!taken.has(`${stem}-${n}`)) id = `${stem}-${n}`
  taken.add(id)
  return id
}

/** Every node and edge id of a document: node and edge ids share one namespace in the editor. */
export function takenIds(document: { nodes: { id: string }[]; edges: { id: string }[] }): Set<string> {
  return new Set([...document.nodes.map((node) => node.id), ...document.edges.map((edge) => edge.id)])
}
