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
  tone: 'logic',
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
  holds: null,
  diff: { fields: {}, items: { variants: 'variant' } },
  trace: { waiting: null, decided: (_data, outcome) => `Assigned to variant “${outcome.label}”`, passed: null },
  check: (data, checks) => {
    const total = data.variants.reduce((sum, variant) => sum + variant.weight, 0)
    return [
      ...checks.uniqueIds(
        'variants',
        data.variants.map((variant) => variant.id),
        'variants',
      ),
      ...(Math.abs(total - 100) > 1e-9
        ? [checks.error('split-weights', `the variant weights add up to ${Number(total.toFixed(6))}, not 100`, ['variants'])]
        : []),
    ]
  },
})
