import type { CaseTarget, ColumnMap, ColumnSource, Target } from '@dunwell/contract'
import { caseTargets } from '@dunwell/contract'

/**
 * Headers seen in real exports, English and German (compared lower-case, without spaces, dots, dashes or
 * underscores). The target's own name and the older CSV column names (firstName, addressLine1) count as names.
 */
const aliases: Record<CaseTarget, string[]> = {
  id: [
    'caseid',
    'case',
    'invoice',
    'invoiceno',
    'invoicenumber',
    'invoiceid',
    'reference',
    'ref',
    'rechnungsnummer',
    'rechnungsnr',
    'rechnung',
    'belegnummer',
    'belegnr',
    'fallnummer',
    'vorgangsnummer',
    'vorgang',
    'aktenzeichen',
    'referenz',
  ],
  amountDue: [
    'amount',
    'amountdue',
    'invoiceamount',
    'total',
    'betrag',
    'forderung',
    'forderungsbetrag',
    'rechnungsbetrag',
    'summe',
    'gesamtbetrag',
    'bruttobetrag',
  ],
  balance: ['balance', 'openamount', 'outstanding', 'amountopen', 'saldo', 'offenerbetrag', 'offen', 'restbetrag', 'restforderung'],
  currency: ['currency', 'curr', 'währung', 'waehrung'],
  dueDate: [
    'duedate',
    'due',
    'dueon',
    'fälligam',
    'faelligam',
    'fällig',
    'faellig',
    'fälligkeit',
    'faelligkeit',
    'fälligkeitsdatum',
    'faelligkeitsdatum',
    'zahlungsziel',
  ],
  'debtor.firstName': ['firstname', 'first', 'givenname', 'forename', 'vorname'],
  'debtor.lastName': ['lastname', 'last', 'surname', 'familyname', 'nachname', 'familienname'],
  'debtor.email': ['email', 'mail', 'emailaddress', 'emailadresse', 'mailadresse'],
  'debtor.phone': [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'cell',
    'telefon',
    'telefonnummer',
    'telnr',
    'handy',
    'mobil',
    'mobilnummer',
    'handynummer',
  ],
  'debtor.locale': ['locale', 'language', 'lang', 'sprache'],
  'debtor.timezone': ['timezone', 'tz', 'zeitzone'],
  'debtor.country': ['country', 'countrycode', 'land', 'ländercode', 'laendercode', 'staat'],
  'debtor.region': ['region', 'state', 'province', 'bundesland'],
  'debtor.birthDate': ['birthdate', 'dateofbirth', 'dob', 'birthday', 'geburtsdatum', 'geburtstag', 'geboren'],
  'debtor.address.line1': [
    'addressline1',
    'address',
    'address1',
    'street',
    'streetaddress',
    'straße',
    'strasse',
    'straßeundhausnummer',
    'adresse',
    'anschrift',
  ],
  'debtor.address.line2': ['addressline2', 'address2', 'adresszusatz', 'zusatz'],
  'debtor.address.postalCode': ['postalcode', 'postcode', 'zip', 'zipcode', 'plz', 'postleitzahl'],
  'debtor.address.city': ['city', 'town', 'ort', 'stadt', 'wohnort'],
  'debtor.address.country': ['addresscountry'],
}

/** `E-Mail`, `e_mail ` and `EMAIL` are one header. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s._\-/]+/g, '')
}

const byKey = new Map<string, { target: CaseTarget; source: ColumnSource }>()
for (const target of caseTargets) {
  byKey.set(headerKey(target), { target, source: 'name' })
  // `debtor.firstName` and `firstName` both name the field (`address.country` is addressCountry, not country).
  const short = headerKey(target.replace(/^debtor\./, ''))
  if (!byKey.has(short)) byKey.set(short, { target, source: 'name' })
}
for (const [target, names] of Object.entries(aliases) as [CaseTarget, string[]][]) {
  for (const name of names) if (!byKey.has(name)) byKey.set(name, { target, source: 'alias' })
}

/** An attribute's name: a plain word, never one that reaches an object's prototype. */
export function isAttributeName(name: string): boolean {
  return /^[A-Za-z_][\w.-]{0,63}$/.test(name) && !['__proto__', 'constructor', 'prototype'].includes(name)
}

export function isTarget(value: string): value is Target {
  return (
    value === 'ignore' ||
    (caseTargets as readonly string[]).includes(value) ||
    (value.startsWith('attributes.') && isAttributeName(value.slice('attributes.'.length)))
  )
}

export interface ResolvedColumn {
  index: number
  header: string
  target: Target | null
  source: ColumnSource
}

/**
 * Each header's target: the one the user gave (this request, then the saved mapping), else the field it names or one
 * of its aliases, else `attr.x`/`attributes.x` as an attribute; the rest stay unmapped and are named in the report.
 */
export function resolveColumns(headers: readonly string[], given: ColumnMap = {}, saved: ColumnMap = {}): ResolvedColumn[] {
  // Own keys only: a header named `constructor` or `__proto__` must not find Object.prototype's.
  const lookup = (map: ColumnMap, header: string) =>
    Object.hasOwn(map, header) ? map[header] : Object.entries(map).find(([name]) => headerKey(name) === headerKey(header))?.[1]
  return headers.map((header, index) => {
    const chosen = lookup(given, header)
    const remembered = chosen === undefined ? lookup(saved, header) : undefined
    const explicit = chosen ?? remembered
    if (explicit !== undefined && isTarget(explicit)) {
      return { index, header, target: explicit, source: explicit === 'ignore' ? 'ignored' : chosen !== undefined ? 'given' : 'mapping' }
    }
    const attribute = /^(?:attr|attributes)\.(.+)$/i.exec(header.trim())
    if (attribute && isAttributeName(attribute[1]!)) return { index, header, target: `attributes.${attribute[1]!}`, source: 'name' }
    const known = byKey.get(headerKey(header))
    return known ? { index, header, target: known.target, source: known.source } : { index, header, target: null, source: 'unmapped' }
  })
}
