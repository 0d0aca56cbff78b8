import { useReactFlow } from '@xyflow/react'
import { useCallback, useEffect, useId, useMemo } from 'react'
import { countProblems } from '../editor/ProblemsPanel'
import { useFocusItem } from '../editor/useFocusItem'
import { DEFAULT_SIZE, useDiagnostics, useDocument, useEditorStoreApi } from '../store'
import { sampleCases } from '../templates/sample-cases'
import { Icon } from '../ui/Icon'
import { CaseForm, isTimeZone } from './CaseForm'
import { EventsForm } from './EventsForm'
import { simulationRequest, startOf, suggestedDays, type RunSetup } from './run-setup'
import { runSimulation } from './simulation-api'
import { StepList } from './StepList'
import { toRunSteps } from './trace-steps'
import { useTraceStore, useTraceStoreApi, type TestRun } from './trace-store'

function initialSetup(): RunSetup {
  const first = sampleCases[0]!
  return { sampleIndex: 0, sample: structuredClone(first.sample), events: [], days: null, startDate: new Date().toISOString().slice(0, 10) }
}

/** Times in the debtor's zone, e.g. "Thu 26 Nov, 10:00 CET". */
function timeFormatter(timezone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: isTimeZone(timezone) ? timezone : 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  return (iso) => {
    const date = new Date(iso)
    return Number.isNaN(date.getTime()) ? iso : format.format(date)
  }
}

/** Runs a sample case through the draft on the runtime's virtual clock and walks its path on the canvas. */
export default function TestRunPanel({ onClose }: { onClose: () => void }) {
  const uid = useId()
  const document = useDocument()
  const diagnostics = useDiagnostics()
  const editor = useEditorStoreApi()
  const traces = useTraceStoreApi()
  const setup = useTraceStore((state) => state.setup) ?? initialSetup()
  const run = useTraceStore((state) => state.run)
  const index = useTraceStore((state) => state.index)
  const focus = useFocusItem()
  const { getInternalNode, setCenter, getZoom } = useReactFlow()
  const suggested = useMemo(() => suggestedDays(document), [document])
  const days = setup.days ?? suggested
  const change = (patch: Partial<RunSetup>) => traces.getState().setSetup({ ...setup, ...patch })

  // The highlight lives while the panel is open; the run stays for when it opens again.
  useEffect(() => {
    traces.getState().setOpen(true)
    return () => traces.getState().setOpen(false)
  }, [traces])

  // The canvas follows the step shown.
  const nodeId = run.state === 'done' ? run.run.steps[index]?.nodeId : undefined
  useEffect(() => {
    if (!nodeId) return
    const node = getInternalNode(nodeId)
    if (!node) return
    const { x, y } = node.internals.positionAbsolute
    void setCenter(x + (node.measured.width ?? DEFAULT_SIZE.width) / 2, y + (node.measured.height ?? DEFAULT_SIZE.height) / 2, {
      zoom: Math.max(getZoom(), 0.75),
      duration: 250,
    })
  }, [nodeId, index, getInternalNode, getZoom, setCenter])

  const start = useCallback(async () => {
    const { document: draft, diagnostics: problems } = editor.getState()
    const { setRun } = traces.getState()
    if (countProblems(problems).errors > 0) {
      setRun({ state: 'failed', problem: 'This journey has errors, so it cannot run yet. Fix them first:', invalid: true })
      return
    }
    const timezone = setup.sample.debtor.timezone
    if (timezone !== undefined && !isTimeZone(timezone)) {
      setRun({ state: 'failed', problem: `“${timezone}” is not a time zone: use a name such as Europe/Berlin.` })
      return
    }
    setRun({ state: 'running' })
    const startAt = startOf(setup.startDate)
    const result = await runSimulation(simulationRequest(draft, setup.sample, setup.events, startAt, days))
    if (!result.ok) {
      setRun({
        state: 'failed',
        problem: result.invalid ? `The runtime refused this journey: ${result.problem}` : `The test run failed: ${result.problem}`,
        invalid: result.invalid,
      })
      return
    }
    const { report } = result
    const trace = report.traces?.[setup.sample.id]
    const summary = report.cases[setup.sample.id]
    const zone = trace?.timezone ?? timezone ?? 'UTC'
    const tested: TestRun = {
      document: draft,
      steps: trace ? toRunSteps(trace.steps, draft, timeFormatter(zone), moneyFormatter(setup.sample.currency, setup.sample.debtor.locale)) : [],
      timezone: zone,
      start: startAt,
      days,
      status: summary?.status ?? 'not-enrolled',
      ...(summary?.outcome ? { outcome: summary.outcome } : {}),
      rejected: report.rejected.map((rejected) => rejected.message),
      truncated: Boolean(trace?.truncated),
    }
    setRun({ state: 'done', run: tested })
  }, [days, editor, setup, traces])

  const formatTime = useMemo(() => timeFormatter(run.state === 'done' ? run.run.timezone : 'UTC'), [run])
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error')

  return (
    <section className="testrun" aria-label="Test run">
      <div className="testrun__head">
        <h2 className="panel-title">Test run</h2>
        <span className="muted testrun__subtitle">on a virtual clock</span>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close test run">
          <Icon name="x" />
        </button>
      </div>

      {run.state === 'done' ? (
        <RunView
          run={run.run}
          index={index}
          stale={run.run.document !== document}
          formatTime={formatTime}
          onShow={(i) => traces.getState().show(i)}
          onRerun={() => void start()}
          onClear={() => traces.getState().clear()}
        />
      ) : (
        <form
          className="testrun__form"
          onSubmit={(event) => {
            event.preventDefault()
            void start()
          }}
        >
          <label className="testrun__field">
            <span>Sample case</span>
            <select
              value={setup.sampleIndex}
              onChange={(event) => {
                const sampleIndex = Number(event.target.value)
                change({ sampleIndex, sample: structuredClone(sampleCases[sampleIndex]!.sample) })
              }}
            >
              {sampleCases.map((option, i) => (
                <option key={option.sample.id} value={i}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <CaseForm key={setup.sampleIndex} sample={setup.sample} locales={document.settings.locales} onChange={(sample) => change({ sample })} />
          <EventsForm events={setup.events} days={days} balance={setup.sample.balance ?? setup.sample.amountDue} onChange={(events) => change({ events })} />
          <div className="testrun__grid">
            <label className="testrun__field">
              <span>Start on</span>
              <input type="date" required value={setup.startDate} onChange={(event) => event.target.value && change({ startDate: event.target.value })} />
            </label>
            <label className="testrun__field">
              <span>Run for (days)</span>
              <input
                type="number"
                min={1}
                max={365}
                required
                value={days}
                aria-describedby={`${uid}-days`}
                onChange={(event) => change({ days: Math.min(365, Math.max(1, Math.round(Number(event.target.value) || 1))) })}
              />
            </label>
            <small id={`${uid}-days`} className="muted testrun__hint testrun__field--wide">
              {setup.days === null || setup.days === suggested
                ? `The journey's longest path needs about ${suggested} days.`
                : `The longest path needs about ${suggested} days.`}
            </small>
          </div>

          <div className="testrun__footer">
            {run.state === 'failed' && (
              <div className="notice notice--error testrun__problem" role="alert">
                <p>{run.invalid && errors.length === 0 ? 'The problems are fixed: run the test again.' : run.problem}</p>
                {run.invalid && errors.length > 0 && (
                  <ul className="testrun__problems">
                    {errors.slice(0, 8).map((diagnostic, i) => (
                      <li key={i}>
                        {diagnostic.nodeId || diagnostic.edgeId ? (
                          <button type="button" className="testrun__problem-link" onClick={() => focus(diagnostic)}>
                            <span className="mono">{diagnostic.nodeId ?? diagnostic.edgeId}</span>: {diagnostic.message}
                          </button>
                        ) : (
                          diagnostic.message
                        )}
                      </li>
                    ))}
                    {errors.length > 8 && <li>…and {errors.length - 8} more in the problems list.</li>}
                  </ul>
                )}
              </div>
            )}
            <div className="testrun__actions">
              <button type="submit" className="button button--primary" disabled={run.state === 'running'}>
                <Icon name="play" size={15} /> {run.state === 'running' ? 'Running…' : 'Run test'}
              </button>
              <span className="muted testrun__status" role="status" aria-live="polite">
                {run.state === 'running' ? `Running the draft for ${days} days…` : ''}
              </span>
            </div>
          </div>
        </form>
      )}
    </section>
  )
}

function RunView({
  run,
  index,
  stale,
  formatTime,
  onShow,
  onRerun,
  onClear,
}: {
  run: TestRun
  index: number
  stale: boolean
  formatTime: (iso: string) => string
  onShow: (index: number) => void
  onRerun: () => void
  onClear: () => void
}) {
  const last = run.steps.length - 1
  const where = run.steps.at(-1)?.title
  return (
    <div className="testrun__result">
      <div className="testrun__summary" role="status">
        {run.outcome ? (
          <p>
            Ended with <span className="badge badge--active testrun__outcome">{run.outcome}</span> after {run.steps.length} steps.
          </p>
        ) : run.status === 'not-enrolled' ? (
          <p>The case was not enrolled.</p>
        ) : (
          <p>
            Still in the journey after {run.days} days{where ? `, at “${where}”` : ''} ({run.status}).
          </p>
        )}
        <p className="muted testrun__zone">Times in the debtor's zone: {run.timezone}</p>
        {run.rejected.map((message, i) => (
          <p key={i} className="notice notice--warning testrun__warning">
            Refused: {message}
          </p>
        ))}
        {run.truncated && <p className="notice notice--warning testrun__warning">Only the first steps are shown: the case took too many.</p>}
        {stale && (
          <p className="notice notice--warning testrun__warning">
            The journey changed since this run.{' '}
            <button type="button" className="testrun__link" onClick={onRerun}>
              Run again
            </button>
          </p>
        )}
      </div>
      <div className="testrun__stepper" role="group" aria-label="Step through the run">
        <button type="button" className="button button--small" onClick={() => onShow(index - 1)} disabled={index <= 0} aria-label="Previous step">
          <Icon name="arrow-up" size={14} /> Previous
        </button>
        <span className="testrun__position" aria-live="polite">
          Step {Math.min(index + 1, run.steps.length)} of {run.steps.length}
        </span>
        <button type="button" className="button button--small" onClick={() => onShow(index + 1)} disabled={index >= last} aria-label="Next step">
          Next <Icon name="arrow-down" size={14} />
        </button>
      </div>
      <StepList run={run} index={index} formatTime={formatTime} onShow={onShow} />
      <div className="testrun__actions testrun__actions--end">
        <button type="button" className="button" onClick={onClear}>
          <Icon name="x" size={14} /> Clear run
        </button>
      </div>
    </div>
  )
}

/** Amounts as the debtor reads them: `€84.50`, in the case's currency and language. */
function moneyFormatter(currency: string, locale: string | undefined): (amount: number) => string {
  try {
    const format = new Intl.NumberFormat(locale ?? 'en', { style: 'currency', currency })
    return (amount) => format.format(amount)
  } catch {
    return (amount) => `${amount} ${currency}`
  }
}
