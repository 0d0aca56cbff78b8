import { JOURNEY_FORMAT, type Journey } from '../document'

/**
 * entry → wait for a promise or plan (14 days to make one) → kept / broken / none made, each its own exit: the
 * smallest journey with every outcome of that wait.
 */
export function promiseWaitJourney(id = 'promise-wait'): Journey {
  return {
    format: JOURNEY_FORMAT,
    id,
    name: 'Wait for a promise',
    settings: { locales: ['en'], defaultLocale: 'en' },
    nodes: [
      { id: 'overdue', type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.overdue' } },
      { id: 'arrangement', type: 'await-arrangement', position: { x: 0, y: 100 }, data: { timeout: 'P14D' } },
      { id: 'kept', type: 'exit', position: { x: -200, y: 200 }, data: { outcome: 'promised' } },
      { id: 'broken', type: 'exit', position: { x: 0, y: 200 }, data: { outcome: 'broken-promise' } },
      { id: 'none', type: 'exit', position: { x: 200, y: 200 }, data: { outcome: 'no-response' } },
    ],
    edges: [
      { id: 'e1', source: 'overdue', target: 'arrangement' },
      { id: 'e2', source: 'arrangement', sourceHandle: 'kept', target: 'kept' },
      { id: 'e3', source: 'arrangement', sourceHandle: 'broken', target: 'broken' },
      { id: 'e4', source: 'arrangement', sourceHandle: 'none', target: 'none' },
    ],
    templates: {},
  }
}
