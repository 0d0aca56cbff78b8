import { z } from 'zod'
import { expression, nodeBase, slug } from '../common'
import { defineNodeKind } from '../node-kind'

/** The outcome taken when no branch matches. */
export const ELSE_HANDLE = 'else'

export const segmentBranch = z
  .object({
    id: slug.refine((id) => id !== ELSE_HANDLE, { message: `"${ELSE_HANDLE}" is reserved for the fallback outcome` }),
    label: z.string().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
    /** A CEL condition; the first branch whose condition holds wins. */
    when: expression,
  })
  .strict()

export const segmentData = z
  .object({
    ...nodeBase,
    branches: z.array(segmentBranch).min(1, 'needs at least one branch').max(32, 'may have at most 32 branches'),
  })
  .strict()

export type SegmentData = z.infer<typeof segmentData>

export const segment = defineNodeKind({
  type: 'segment',
  title: 'Segment',
  icon: 'git-branch',
  tone: 'logic',
  help: 'Send each case down the first branch whose condition it meets, else the fallback',
  summary: (data) => `${data.branches.map((branch) => branch.label).join(' · ')} · else`,
  data: segmentData,
  defaults: { branches: [{ id: 'branch-1', label: 'Branch 1', when: 'case.amountDue < 100' }] },
  handles: (data) => [...data.branches.map((branch) => ({ id: branch.id, label: branch.label })), { id: ELSE_HANDLE, label: 'else' }],
  holds: null,
  diff: { fields: { when: 'condition' }, items: { branches: 'branch' } },
  trace: {
    waiting: null,
    decided: (_data, outcome) => (outcome.id === ELSE_HANDLE ? 'No branch matched: takes “else”' : `Takes the branch “${outcome.label}”`),
    passed: null,
  },
  check: (data, checks) => [
    ...checks.uniqueIds(
      'branches',
      data.branches.map((branch) => branch.id),
      'branches',
    ),
    ...data.branches.flatMap((branch, position) => checks.condition(branch.when, ['branches', position, 'when'], `branch "${branch.label}"`)),
  ],
})
