import { compactIban, isValidBic, isValidIban } from '@dunwell/contract'

/** What a SEPA credit transfer QR code (EPC069-12, "GiroCode") carries. */
export interface TransferRequest {
  /** The beneficiary, as their bank knows them: at most 70 characters. */
  name: string
  iban: string
  /** Optional in version 002 within the EEA; written when known. */
  bic?: string
  /** In euro cents: 1 (0.01 €) to 99,999,999,999 (999,999,999.99 €). */
  amountCents: number
  /** Unstructured remittance information (the case reference): at most 140 characters. */
  reference: string
}

export type GirocodeResult = { ok: true; payload: string } | { ok: false; error: string }

const MAX_CENTS = 99_999_999_999
/** The whole payload may not exceed 331 bytes (EPC069-12, section 3.2). */
const MAX_BYTES = 331

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim()
}

/**
 * The payload of an EPC069-12 QR code, version 002, UTF-8, service SCT; purpose and structured reference empty, the
 * reference unstructured. Refuses (with the reason) what a banking app would refuse or misread.
 */
export function girocodePayload(request: TransferRequest): GirocodeResult {
  const name = oneLine(request.name)
  const iban = compactIban(request.iban)
  const bic = request.bic ? compactIban(request.bic) : ''
  const reference = oneLine(request.reference)
  if (name.length === 0) return { ok: false, error: 'the beneficiary name is empty' }
  if ([...name].length > 70) return { ok: false, error: 'the beneficiary name is longer than 70 characters' }
  if (!isValidIban(iban)) return { ok: false, error: 'the IBAN is not valid (format or check digits)' }
  if (bic && !isValidBic(bic)) return { ok: false, error: 'the BIC is not valid' }
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents < 1 || request.amountCents > MAX_CENTS) {
    return { ok: false, error: 'the amount must be between 0.01 and 999999999.99 EUR' }
  }
  if ([...reference].length > 140) return { ok: false, error: 'the reference is longer than 140 characters' }
  const euros = Math.floor(request.amountCents / 100)
  const cents = String(request.amountCents % 100).padStart(2, '0')
  // Service tag, version, character set (1 = UTF-8), identification, BIC, name, IBAN, amount, purpose,
  // structured reference, unstructured reference; trailing empty elements are left out, as the standard allows.
  const payload = ['BCD', '002', '1', 'SCT', bic, name, iban, `EUR${euros}.${cents}`, '', '', reference].join('\n').replace(/\n+$/, '')
  if (Buffer.byteLength(payload, 'utf8') > MAX_BYTES) return { ok: false, error: `the payload is longer than ${MAX_BYTES} bytes` }
  return { ok: true, payload }
}
