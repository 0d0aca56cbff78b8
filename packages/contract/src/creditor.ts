import { z } from 'zod'
import { compactIban, isValidBic, isValidIban } from './iban'

/** WCAG 2.x relative luminance of an sRGB colour `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** The contrast ratio of two colours `#rrggbb` (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** A logo is inlined into the debtor's pages (they request nothing else): small, and a PNG or JPEG by its bytes. */
export const MAX_LOGO_BYTES = 100 * 1024

function isLogoDataUrl(url: string): boolean {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(url)
  if (!match) return false
  let bytes: string
  try {
    bytes = atob(match[2]!)
  } catch {
    return false
  }
  if (bytes.length > MAX_LOGO_BYTES) return false
  return match[1] === 'png' ? bytes.startsWith('\x89PNG\r\n\x1a\n') : bytes.startsWith('\xff\xd8\xff')
}

const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1d4ed8')
  .transform((colour) => colour.toLowerCase())
  .refine((colour) => contrastRatio(colour, '#ffffff') >= 4.5, 'must have a contrast of at least 4.5:1 with white (WCAG AA): choose a darker shade')

const iban = z.string().max(50).transform(compactIban).refine(isValidIban, 'must be an IBAN with valid check digits, such as DE89 3704 0044 0532 0130 00')

/**
 * Who the debtor owes, as the debtor's pages show it: name, logo and colour, and the account a bank transfer goes to.
 * One creditor per runtime (a runtime per client is the deployment model).
 */
export const creditorSettingsSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(70, 'must be at most 70 characters'),
    logo: z
      .string()
      .max(140_000, 'must be at most 100 KB')
      .refine(isLogoDataUrl, 'must be a PNG or JPEG data URL (data:image/png;base64,…) of at most 100 KB')
      .optional()
      .meta({ description: 'A PNG or JPEG as a data URL, at most 100 KB: shown on every debtor page' }),
    primaryColor: hexColour.optional().meta({ description: 'Buttons and headings; at least 4.5:1 against white', example: '#1d4ed8' }),
    bank: z
      .object({
        /** The account holder as the bank knows them (the GiroCode's name); the creditor's name when left out. */
        accountHolder: z.string().trim().min(1).max(70, 'must be at most 70 characters').optional(),
        iban,
        bic: z.string().max(20).transform(compactIban).refine(isValidBic, 'must be a BIC of 8 or 11 characters, such as COBADEFFXXX').optional(),
      })
      .strict()
      .optional()
      .meta({ description: 'Where a bank transfer goes; the portal shows it with a GiroCode (EUR only)' }),
  })
  .strict()
  .meta({ id: 'CreditorSettings' })

export type CreditorSettings = z.infer<typeof creditorSettingsSchema>
