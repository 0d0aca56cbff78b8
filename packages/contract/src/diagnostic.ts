import { diagnosticCodes, type Diagnostic as JourneyDiagnostic } from '@dunwell/journey'
import { z } from 'zod'

/** What the validator says about a journey document, as the API sends it (the journey package's `Diagnostic`). */
export const diagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.enum(diagnosticCodes),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])),
  })
  .meta({ id: 'Diagnostic' })
export type Diagnostic = z.infer<typeof diagnosticSchema>

/** A document checked: valid when it has no errors (warnings do not stop a publish). */
export const diagnosticsSchema = z.object({ valid: z.boolean(), diagnostics: z.array(diagnosticSchema) }).meta({ id: 'Diagnostics' })
export type Diagnostics = z.infer<typeof diagnosticsSchema>

// The schema and the validator's type are one shape: either drifting fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameShape: Same<Diagnostic, JourneyDiagnostic> = true
void sameShape
