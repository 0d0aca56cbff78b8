import { Liquid } from 'liquidjs'
import { registerBudgetedTags } from './template-budget'

/**
 * What a template may name: the case, the debtor, the event, links the runtime makes, and the sender, with the
 * fields each has. Below `attributes`, `event.data` and `debtor.address` anything goes: they are the sender's own.
 */
export const templateFields = {
  case: ['id', 'amountDue', 'balance', 'currency', 'dueDate', 'daysPastDue', 'attributes'],
  debtor: [
    'firstName',
    'lastName',
    'email',
    'phone',
    'address',
    'locale',
    'timezone',
    'country',
    'region',
    'birthDate',
    'age',
    'preferredChannel',
    'preferredTimeOfDay',
    'preferredLocale',
    'attributes',
  ],
  event: ['type', 'data'],
  links: ['portal', 'pay', 'optout'],
  sender: ['name'],
} as const satisfies Record<string, readonly string[]>

export type TemplateVariable = keyof typeof templateFields

/**
 * The declared fields a case may be without (the debtor's are all optional on the wire; `age` needs a birth date):
 * printed bare, they render blank for such a case, so a template must give them a default.
 */
export const optionalTemplateFields: { readonly [Root in TemplateVariable]?: Partial<Record<(typeof templateFields)[Root][number], string>> } = {
  debtor: {
    firstName: 'a first name',
    lastName: 'a last name',
    email: 'an email address',
    phone: 'a phone number',
    address: 'an address',
    locale: 'a language',
    timezone: 'a time zone',
    country: 'a country',
    region: 'a region',
    birthDate: 'a birth date',
    age: 'a birth date',
    preferredChannel: 'a preferred channel',
    preferredTimeOfDay: 'a preferred time of day',
    preferredLocale: 'a preferred language',
  },
}

/** Variables a template may name. */
export const templateVariables = Object.keys(templateFields) as TemplateVariable[]

/**
 * Bounds that keep a hostile template cheap to parse and render: liquidjs's own (the time limit is a last resort),
 * and the output and loop budget of template-budget.ts, which render-template.ts applies.
 */
const limits = { parseLimit: 200_000, renderLimit: 500, memoryLimit: 2_000_000 }

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** Intl formatters are costly to build and safe to share. */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key)
  if (value === undefined) {
    value = make()
    if (cache.size > 1000) cache.clear()
    cache.set(key, value)
  }
  return value
}

function money(this: { context: { getSync(path: string[]): unknown } }, value: unknown, currencyArg?: unknown): string {
  const amount = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(amount)) return String(value ?? '')
  const currency = String(currencyArg ?? this.context.getSync(['case', 'currency']) ?? 'EUR')
  const locale = String(this.context.getSync(['locale']) ?? 'en')
  try {
    return cached(numberFormats, `${locale}\u0000${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currency}`
  }
}

function localDate(this: { context: { getSync(path: string[]): unknown } }, value: unknown): string {
  const date = new Date(String(value ?? ''))
  if (Number.isNaN(date.getTime())) return String(value ?? '')
  const locale = String(this.context.getSync(['locale']) ?? 'en')
  const timeZone = String(this.context.getSync(['debtor', 'timezone']) ?? 'UTC')
  try {
    return cached(dateFormats, `${locale}\u0000${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })).format(date)
  } catch {
    return date.toISOString().slice(0, 10)
  }
}

/**
 * A Liquid engine with Dunwell's filters. `html: true` escapes every output (email and letters); plain text
 * (SMS, WhatsApp, call scripts) is left as written. Templates cannot reach the file system or run code.
 */
export function createLiquid(options: { html: boolean }): Liquid {
  const engine = new Liquid({
    outputEscape: options.html ? 'escape' : undefined,
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    relativeReference: false,
    root: [],
    partials: [],
    ...limits,
  })
  // Intl writes "84,50 €" with a no-break space: kept in HTML, a plain space in texts, where a character outside
  // GSM-7 would make an SMS cost twice.
  engine.registerFilter(
    'money',
    options.html
      ? money
      : function (this: ThisParameterType<typeof money>, value: unknown, currency?: unknown) {
          return money.call(this, value, currency).replace(/[\u00a0\u202f]/g, ' ')
        },
  )
  engine.registerFilter('local_date', localDate)
  registerBudgetedTags(engine)
  return engine
}

/** One engine per escaping mode, shared: parsing is pure. */
export const liquidEngines = { html: createLiquid({ html: true }), text: createLiquid({ html: false }) }
