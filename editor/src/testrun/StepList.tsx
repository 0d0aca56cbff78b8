import { useEffect, useRef, useState } from 'react'
import { Icon, type IconName } from '../ui/Icon'
import { dayOf } from './run-setup'
import type { TestRun } from './trace-store'
import type { RunStep, StepMessage } from './trace-steps'

const stepIcons: Record<RunStep['kind'], IconName> = {
  enter: 'log-in',
  event: 'zap',
  wake: 'hourglass',
  message: 'mail',
  hold: 'pause',
  exit: 'flag',
  'not-enrolled': 'alert',
}

/** The run's steps in order; the one shown on the canvas is current, a click shows another. */
export function StepList({
  run,
  index,
  formatTime,
  onShow,
}: {
  run: TestRun
  index: number
  formatTime: (iso: string) => string
  onShow: (index: number) => void
}) {
  const current = useRef<HTMLLIElement>(null)
  // A block, not an expression: newer browsers return a promise from scrollIntoView, which React would call on cleanup.
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' })
  }, [index])

  return (
    <ol
      className="testrun__steps"
      aria-label="Steps of the run"
      onKeyDown={(event) => {
        // Up and down walk the steps, as Previous and Next do.
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
        if (!(event.target instanceof HTMLElement) || !event.target.classList.contains('trace-step__head')) return
        event.preventDefault()
        const next = Math.max(0, Math.min(run.steps.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
        onShow(next)
        event.currentTarget.querySelectorAll<HTMLButtonElement>('.trace-step__head')[next]?.focus()
      }}
    >
      {run.steps.map((step, i) => (
        <li
          key={i}
          ref={i === index ? current : undefined}
          className={`trace-step trace-step--${step.kind} ${i === index ? 'trace-step--current' : ''} ${i > index ? 'trace-step--later' : ''}`}
        >
          <button
            type="button"
            className="trace-step__head"
            aria-current={i === index ? 'step' : undefined}
            onClick={() => onShow(i)}
            aria-label={`Step ${i + 1}: ${step.title}, day ${dayOf(run.start, step.at, run.timezone)}, ${formatTime(step.at)}`}
          >
            <span className="trace-step__icon" aria-hidden="true">
              <Icon name={stepIcons[step.kind]} size={14} />
            </span>
            <span className="trace-step__names">
              <span className="trace-step__when">
                Day {dayOf(run.start, step.at, run.timezone)} · {formatTime(step.at)}
              </span>
              <span className="trace-step__title">{step.title}</span>
            </span>
            {step.outcome && <span className="badge badge--active trace-step__outcome">{step.outcome}</span>}
          </button>
          {(step.lines.length > 0 || step.conditions.length > 0) && (
            <ul className="trace-step__lines">
              {step.lines.map((line, n) => (
                <li key={n}>{line}</li>
              ))}
              {step.conditions.map((condition, n) => (
                <li key={`c${n}`} className={`trace-step__condition trace-step__condition--${condition.result ? 'true' : 'false'}`}>
                  <Icon name={condition.result ? 'check' : 'x'} size={12} />
                  <span>
                    {condition.label && <strong>{condition.label}: </strong>}
                    <code className="mono">{condition.expr}</code>
                    {condition.error && <span className="trace-step__error"> ({condition.error})</span>}
                    {condition.seen && <span className="trace-step__seen">: {condition.seen}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {step.messages
            .filter((message) => message.status === 'sent' || message.status === 'task')
            .map((message, n) => (
              <MessageView key={n} message={message} />
            ))}
        </li>
      ))}
    </ol>
  )
}

/** A sent message, folded: its subject (or first words) opens its text, and an email's HTML on demand. */
function MessageView({ message }: { message: StepMessage }) {
  const [html, setHtml] = useState(false)
  const heading = message.subject ?? message.text?.split('\n')[0] ?? message.template ?? message.channel
  return (
    <details className="trace-message">
      <summary className="trace-message__summary">
        <span className="trace-message__channel">{message.channel}</span>
        <span className="trace-message__heading">{heading}</span>
      </summary>
      <div className="trace-message__body">
        <p className="trace-message__meta muted">
          To {message.recipient ?? 'nobody'}
          {message.locale ? ` · ${message.locale}` : ''}
          {message.template ? ` · ${message.template}` : ''}
        </p>
        {message.subject !== undefined && (
          <p className="trace-message__subject">
            <span className="muted">Subject</span> {message.subject}
          </p>
        )}
        {html && message.html !== undefined ? (
          <iframe className="trace-message__frame" title={`Email: ${message.subject ?? message.template ?? ''}`} sandbox="" srcDoc={message.html} />
        ) : (
          <pre className="trace-message__text">{message.text ?? ''}</pre>
        )}
        {message.htmlOmitted && <p className="muted trace-message__meta">The email's HTML was left out of this long run; its text is above.</p>}
        {message.html !== undefined && (
          <button type="button" className="button button--small" onClick={() => setHtml((shown) => !shown)} aria-pressed={html}>
            {html ? 'Show as text' : 'Show as email'}
          </button>
        )}
      </div>
    </details>
  )
}
