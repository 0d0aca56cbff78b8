import chardet from 'chardet'
import type { Encoding, Setting } from '@dunwell/contract'

const labels: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
}

/** An encoding's name as a sender writes it (`latin1`, `UTF-8`, `CP1252`), or undefined when it is not one we read. */
export function encodingOf(label: string | undefined): Encoding | undefined {
  return label === undefined ? undefined : labels[label.trim().toLowerCase().replace(/^"|"$/g, '')]
}

/** The length of the byte-order mark at the start, and the encoding it says. */
export function byteOrderMark(bytes: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return undefined
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    // `stream: true` forgives a character cut at the sample's end.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * The file's encoding: the one given, else its byte-order mark, else the request's declared charset, else detected
 * from the first bytes (valid UTF-8 is UTF-8; otherwise chardet's best guess among those we read, Windows-1252 last).
 */
export function detectEncoding(sample: Uint8Array, given?: Encoding, declared?: string, fromMapping = false): Setting<Encoding> {
  if (given) return { value: given, source: fromMapping ? 'mapping' : 'given' }
  const bom = byteOrderMark(sample)
  if (bom) return { value: bom.encoding, source: 'bom' }
  const charset = encodingOf(declared)
  if (charset) return { value: charset, source: 'charset' }
  if (isUtf8(sample)) return { value: 'utf-8', source: 'detected' }
  for (const candidate of chardet.analyse(sample)) {
    const encoding = encodingOf(candidate.name)
    if (encoding) return { value: encoding, source: 'detected' }
  }
  return { value: 'windows-1252', source: 'detected' }
}
