import { JOURNEY_FORMAT, type Journey } from '../document'

const mjml = (text: string) => `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`

/**
 * A small valid journey that touches every node kind: entry → segment (young / else) → split → email / sms →
 * wait for payment → exit. Tests copy it and break one thing at a time.
 */
export function sampleJourney(): Journey {
  return {
    format: JOURNEY_FORMAT,
    id: 'sample',
    name: 'Sample journey',
    settings: { locales: ['en', 'de'], defaultLocale: 'en' },
    nodes: [
      { id: 'start', type: 'entry', position: { x: 0, y: 0 }, data: { event: 'invoice.overdue', filter: 'case.balance > 0' } },
      { id: 'age', type: 'segment', position: { x: 0, y: 100 }, data: { branches: [{ id: 'young', label: 'Young', when: 'debtor.age < 26' }] } },
      {
        id: 'tone',
        type: 'split',
        position: { x: 0, y: 200 },
        data: {
          variants: [
            { id: 'a', label: 'Friendly', weight: 50 },
            { id: 'b', label: 'Control', weight: 50, control: true },
          ],
        },
      },
      { id: 'mail', type: 'email', position: { x: 0, y: 300 }, data: { template: 'reminder' } },
      { id: 'text', type: 'sms', position: { x: 200, y: 300 }, data: { template: 'nudge' } },
      { id: 'chat', type: 'whatsapp', position: { x: 400, y: 300 }, data: { template: 'chat' } },
      { id: 'pause', type: 'wait', position: { x: 0, y: 400 }, data: { for: 'P3D', businessDays: true } },
      { id: 'evening', type: 'wait', position: { x: 0, y: 450 }, data: { until: '19:00', days: ['mon', 'tue'] } },
      { id: 'flag', type: 'action', position: { x: 0, y: 500 }, data: { set: { reminded: 'true' }, offer: { type: 'payment-link' } } },
      { id: 'post', type: 'letter', position: { x: 0, y: 600 }, data: { template: 'letter' } },
      { id: 'phone', type: 'call', position: { x: 0, y: 700 }, data: { queue: 'collections', template: 'script' } },
      { id: 'promise', type: 'wait', position: { x: 0, y: 800 }, data: { event: 'promise.made', when: 'event.data.amount > 0', timeout: 'P7D' } },
      { id: 'promised', type: 'exit', position: { x: 0, y: 900 }, data: { outcome: 'promised' } },
      { id: 'gave-up', type: 'exit', position: { x: 200, y: 900 }, data: { outcome: 'no-response' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'age' },
      { id: 'e2', source: 'age', sourceHandle: 'young', target: 'text' },
      { id: 'e3', source: 'age', sourceHandle: 'else', target: 'tone' },
      { id: 'e4', source: 'tone', sourceHandle: 'a', target: 'mail' },
      { id: 'e5', source: 'tone', sourceHandle: 'b', target: 'chat' },
      { id: 'e6', source: 'mail', target: 'pause' },
      { id: 'e7', source: 'text', target: 'pause' },
      { id: 'e8', source: 'chat', target: 'pause' },
      { id: 'e9', source: 'pause', target: 'evening' },
      { id: 'e10', source: 'evening', target: 'flag' },
      { id: 'e11', source: 'flag', target: 'post' },
      { id: 'e12', source: 'post', target: 'phone' },
      { id: 'e13', source: 'post', sourceHandle: 'failed', target: 'gave-up' },
      { id: 'e14', source: 'phone', target: 'promise' },
      { id: 'e15', source: 'promise', sourceHandle: 'event', target: 'promised' },
      { id: 'e16', source: 'promise', sourceHandle: 'timeout', target: 'gave-up' },
    ],
    templates: {
      reminder: {
        channel: 'email',
        subject: { en: 'Reminder', de: 'Erinnerung' },
        body: {
          en: mjml('Hello {{ debtor.firstName | default: "there" }}, {{ case.balance | money }} is open.'),
          de: mjml('Hallo {{ debtor.firstName | default: "zusammen" }}'),
        },
      },
      nudge: { channel: 'sms', body: { en: 'Pay here: {{ links.pay }} Reply STOP to opt out', de: 'Zahlen: {{ links.pay }} STOP zum Abmelden' } },
      chat: { channel: 'whatsapp', body: { en: 'Hi {{ debtor.firstName | default: "there" }}', de: 'Hallo {{ debtor.firstName | default: "zusammen" }}' } },
      letter: {
        channel: 'letter',
        body: {
          en: '<p>Dear {{ debtor.lastName | default: "customer" }}</p>',
          de: '<p>Sehr geehrte/r {{ debtor.lastName | default: "Kundin, sehr geehrter Kunde" }}</p>',
        },
      },
      script: { channel: 'call', body: { en: 'Ask how we can help.', de: 'Fragen Sie, wie wir helfen können.' } },
    },
  }
}
