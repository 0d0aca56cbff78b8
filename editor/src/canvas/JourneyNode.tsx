import { outcomesOf } from '@dunwell/journey'
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react'
import { memo, useEffect, useMemo, useRef } from 'react'
import { useEditorStore } from '../store'
import { Icon } from '../ui/Icon'
import { useTraceStore } from '../testrun/trace-store'
import { diagnosticsOfNode } from './diagnostics-index'
import { problemText } from '../inspector/problem-text'
import { isLabelled, kindOf, summaryOf, titleOf, toneOf } from './node-kinds'
import type { FlowNode } from './useFlowElements'

const BASE_WIDTH = 260
const OUTCOME_WIDTH = 112

/** Every node kind, drawn from its metadata: icon, title, summary, one handle per outcome. */
export const JourneyNode = memo(function JourneyNode({ id, type, data, selected }: NodeProps<FlowNode>) {
  const kind = kindOf(type)
  const node = useMemo(() => ({ type, data }), [type, data])
  const outcomes = useMemo(() => outcomesOf(node) ?? [], [node])
  const summary = useMemo(() => summaryOf(node), [node])
  const problems = useEditorStore((state) => diagnosticsOfNode(state.diagnostics, id))
  const errors = problems.filter((problem) => problem.severity === 'error')
  const shown = errors[0] ?? problems[0]
  // A test run's path: view state, not the document.
  const traced = useTraceStore((state) => state.highlight?.nodes[id])

  // Handles come and go with the data (a wait that becomes an event wait): React Flow must measure them again.
  // Not on mount: React Flow measures new nodes itself, all in one batch; one call per node would cost a frame
  // each (a 500-node journey took half a minute to open).
  const updateNodeInternals = useUpdateNodeInternals()
  const handleKey = outcomes.map((outcome) => outcome.id ?? '').join('|')
  const measuredKey = useRef(handleKey)
  useEffect(() => {
    if (measuredKey.current === handleKey) return
    measuredKey.current = handleKey
    updateNodeInternals(id)
  }, [handleKey, id, updateNodeInternals])

  const labelled = isLabelled(node)
  const title = titleOf(node)
  const width = Math.max(BASE_WIDTH, outcomes.length * OUTCOME_WIDTH)
  const state = errors.length ? 'jnode--error' : problems.length ? 'jnode--warning' : ''
  return (
    <div
      className={`jnode jnode--${toneOf(type)} ${state} ${selected ? 'jnode--selected' : ''} ${traced ? `jnode--trace jnode--trace-${traced}` : ''}`}
      data-trace={traced}
      style={{ width }}
      title={typeof data.note === 'string' ? data.note : undefined}
    >
      {type !== 'entry' && <Handle type="target" position={Position.Top} className="jnode__target" />}
      <div className="jnode__head">
        <span className="jnode__icon">
          <Icon name={kind?.icon ?? 'circle'} size={16} />
        </span>
        <div className="jnode__names">
          <div className="jnode__title">{title}</div>
          <div className="jnode__kind">
            {/* The kind once: under a label it says what the step is; without one, the title says it already. */}
            {labelled || !kind ? `${kind?.title ?? 'Unknown kind'} · ` : ''}
            <span className="mono">{id}</span>
          </div>
        </div>
      </div>
      {summary && <div className="jnode__summary">{summary}</div>}
      {shown && (
        <div className={`jnode__problem jnode__problem--${shown.severity}`} title={problems.map((p) => problemText(p, node)).join('\n')}>
          <span className="jnode__count" aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
            {problems.length}
          </span>
          <span className="jnode__message">{problemText(shown, node)}</span>
        </div>
      )}
      {outcomes.length === 1 && outcomes[0] && <Handle type="source" position={Position.Bottom} id={outcomes[0].id ?? undefined} className="jnode__source" />}
      {outcomes.length > 1 && (
        <div className="jnode__outcomes">
          {outcomes.map((outcome) => (
            <div key={outcome.id ?? ''} className={`jnode__outcome ${outcome.optional ? 'jnode__outcome--optional' : ''}`} title={outcome.label}>
              <span className="jnode__outcome-label">{outcome.label}</span>
              <Handle type="source" position={Position.Bottom} id={outcome.id ?? undefined} className="jnode__source" />
            </div>
          ))}
        </div>
      )}
    </div>
  )
})
