import { Icon } from '../ui/Icon'
import { eventChoices, type PlannedEvent } from './run-setup'

const optoutChannels = ['all', 'email', 'sms', 'whatsapp', 'letter', 'call']

/** Events from the outside world during the run, each on a day after the case enters. */
export function EventsForm({
  events,
  days,
  balance,
  onChange,
}: {
  events: PlannedEvent[]
  days: number
  balance: number
  onChange: (events: PlannedEvent[]) => void
}) {
  const update = (key: number, patch: Partial<PlannedEvent>) => onChange(events.map((event) => (event.key === key ? { ...event, ...patch } : event)))
  const add = () =>
    onChange([...events, { key: Math.max(0, ...events.map((event) => event.key)) + 1, type: 'payment.received', day: Math.min(3, days), amount: balance }])

  return (
    <fieldset className="testrun__events">
      <legend className="testrun__label">Events</legend>
      {events.length === 0 && <p className="muted testrun__hint">None: the case hears nothing from the debtor.</p>}
      <ol className="testrun__event-list">
        {events.map((event, index) => {
          const choice = eventChoices.find((candidate) => candidate.type === event.type)
          const n = index + 1
          return (
            <li key={event.key} className="testrun__event">
              <div className="testrun__event-row">
                <select
                  aria-label={`Event ${n} type`}
                  className="testrun__event-type"
                  value={event.type}
                  onChange={(e) => {
                    const takes = eventChoices.find((candidate) => candidate.type === e.target.value)?.takes
                    update(event.key, {
                      type: e.target.value,
                      amount: takes === 'amount' ? (event.amount ?? balance) : undefined,
                      channel: takes === 'channel' ? 'all' : undefined,
                    })
                  }}
                >
                  {eventChoices.map((option) => (
                    <option key={option.type} value={option.type}>
                      {option.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-button testrun__remove"
                  aria-label={`Remove event ${n}`}
                  onClick={() => onChange(events.filter((candidate) => candidate.key !== event.key))}
                >
                  <Icon name="trash" size={15} />
                </button>
              </div>
              <div className="testrun__event-row">
                <label className="testrun__inline">
                  <span>On day</span>
                  <input
                    type="number"
                    aria-label={`Event ${n} day`}
                    className="testrun__short"
                    min={0}
                    max={days}
                    value={event.day}
                    onChange={(e) => update(event.key, { day: Math.max(0, Math.round(Number(e.target.value))) })}
                  />
                </label>
                {choice?.takes === 'amount' && (
                  <label className="testrun__inline">
                    <span>amount</span>
                    <input
                      type="number"
                      aria-label={`Event ${n} amount`}
                      className="testrun__short testrun__short--money"
                      min={0}
                      step="0.01"
                      value={event.amount ?? ''}
                      onChange={(e) => update(event.key, { amount: e.target.value === '' ? undefined : Number(e.target.value) })}
                    />
                  </label>
                )}
                {choice?.takes === 'channel' && (
                  <label className="testrun__inline">
                    <span>of</span>
                    <select aria-label={`Event ${n} channel`} value={event.channel ?? 'all'} onChange={(e) => update(event.key, { channel: e.target.value })}>
                      {optoutChannels.map((channel) => (
                        <option key={channel} value={channel}>
                          {channel === 'all' ? 'all channels' : channel}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      <button type="button" className="button button--small" onClick={add}>
        <Icon name="plus" size={14} /> Add event
      </button>
    </fieldset>
  )
}
