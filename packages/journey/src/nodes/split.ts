import { z } from 'zod'
import { nodeBase, slug } from '../common'
import { defineNodeKind } from '../node-kind'

export const splitVariant = z
  .object({
    id: slug,
    label: z.string().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
    /** Percentage of cases; the weights of a split add up to 100. */
    weight: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
    /** A holdout group: measured like the others but usually receives less or nothing. */
    control: z.boolean().optional(),
  })
  .strict()

export const splitData = z
  .object({
    ...nodeBase,
    variants: z.array(splitVariant).min(2, 'needs at least two variants').max(16, 'may have at most 16 variants'),
  })
  .strict()

export type SplitData = z.infer<typeof splitData>

export const split = defineNodeKind({
  type: 'split',
  title: 'A/B split',
  icon: 'split',
  help: 'Assign each case to a variant by weight, the same variant every time',
  summary: (data) => data.variants.map((variant) => `${variant.label} ${variant.weight}%`).join(' · '),
  data: splitData,
  defaults: {
    variants: [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ],
  },
  handles: (data) => data.variants.map((variant) => ({ id: variant.id, label: `${variant.label} (${variant.weight}%)` })),
})
