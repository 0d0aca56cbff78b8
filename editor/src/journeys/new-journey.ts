import { JOURNEY_FORMAT, nodeKinds, type Journey } from '@dunwell/journey'

/** `Friendly reminder (DE)` → `friendly-reminder-de` */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  return slug || 'journey'
}

/** The smallest valid journey: cases enter and leave. Everything else is drawn in the editor. */
export function newJourney(id: string, name: string): Journey {
  return {
    format: JOURNEY_FORMAT,
    id,
    name,
    settings: { locales: ['en'], defaultLocale: 'en' },
    nodes: [
      { id: 'entry', type: 'entry', position: { x: 0, y: 0 }, data: { ...nodeKinds.entry.defaults } },
      { id: 'exit', type: 'exit', position: { x: 0, y: 200 }, data: { ...nodeKinds.exit.defaults } },
    ],
    edges: [{ id: 'e-entry', source: 'entry', target: 'exit' }],
    templates: {},
  }
}
