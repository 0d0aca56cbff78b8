import { JOURNEY_FORMAT, type Journey } from '../document'

/**
 * entry → email → wait 2 days → SMS → exit, in English: the smallest journey that sends on two days. Tests give it
 * their own id, name and texts.
 */
export function emailThenSms(options: { id: string; name: string; subject: string; email: string; sms: string }): Journey {
  return {
    format: JOURNEY_FORMAT,
    id: options.id,
    name: options.name,
    settings: { locales: ['en'], defaultLocale: 'en' },
    nodes: [
      { id: 'overdue', type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.overdue' } },
      { id: 'email', type: 'email', position: { x: 0, y: 100 }, data: { template: 'reminder' } },
      { id: 'wait', type: 'wait', position: { x: 0, y: 200 }, data: { for: 'P2D' } },
      { id: 'sms', type: 'sms', position: { x: 0, y: 300 }, data: { template: 'nudge' } },
      { id: 'done', type: 'exit', position: { x: 0, y: 400 }, data: { outcome: 'no-response' } },
    ],
    edges: [
      { id: 'e1', source: 'overdue', target: 'email' },
      { id: 'e2', source: 'email', target: 'wait' },
      { id: 'e3', source: 'wait', target: 'sms' },
      { id: 'e4', source: 'sms', target: 'done' },
    ],
    templates: {
      reminder: { channel: 'email', subject: { en: options.subject }, body: { en: options.email } },
      nudge: { channel: 'sms', body: { en: options.sms } },
    },
  }
}
