/** The GSM 03.38 default alphabet: one septet each. */
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà')
/** The extension table: an escape and the character, two septets each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f')

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SmsCount {
  encoding: SmsEncoding
  /** Characters as a person counts them. */
  characters: number
  /** What the network counts: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number
  /** Parts the message is sent in (0 for no text). */
  segments: number
  /** Units one part holds at this length: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  perSegment: number
  /** The first character outside GSM-7: the one that makes the message UCS-2. */
  outside?: string
}

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
}

/**
 * How many SMS parts a text takes. GSM-7 when every character is in the GSM alphabet (extension characters
 * such as € count twice), else UCS-2. A long message is split into parts with a header (153 or 67 units each),
 * and a part never ends in the middle of an escaped character or a surrogate pair.
 */
export function countSms(text: string): SmsCount {
  const chars = [...text]
  const outside = chars.find((char) => !GSM_BASIC.has(char) && !GSM_EXTENDED.has(char))
  const gsm = outside === undefined
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2'
  const because = outside === undefined ? {} : { outside }
  const cost = (char: string) => (gsm ? (GSM_EXTENDED.has(char) ? 2 : 1) : char.length)
  const units = chars.reduce((sum, char) => sum + cost(char), 0)
  const { single, part } = LIMITS[encoding]
  if (units <= single) return { encoding, characters: chars.length, units, segments: units === 0 ? 0 : 1, perSegment: single, ...because }
  let segments = 1
  let used = 0
  for (const char of chars) {
    const size = cost(char)
    if (used + size > part) {
      segments++
      used = 0
    }
    used += size
  }
  return { encoding, characters: chars.length, units, segments, perSegment: part, ...because }
}

/** One line under the editor, e.g. "142 characters · GSM-7 · 1 SMS". */
export function describeSms(count: SmsCount): string {
  const parts = `${count.segments} SMS${count.segments === 1 ? '' : ' parts'}`
  const units = count.units === count.characters ? '' : ` (${count.units} ${count.encoding === 'GSM-7' ? 'septets' : 'code units'})`
  const encoding = count.outside === undefined ? count.encoding : `${count.encoding} (because of ${nameOf(count.outside)})`
  return `${count.characters} character${count.characters === 1 ? '' : 's'}${units} · ${encoding} · ${parts} · ${count.perSegment} per part`
}

/** A character as a person can find it: invisible ones (a no-break space from number formatting) by code point. */
function nameOf(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `“${char}” ${code}` : code
}
