import { useId, useState, type FormEvent } from 'react'
import { useDiagnostics, useDocument, useEditorStoreApi } from '../store'
import { Icon } from '../ui/Icon'
import { TemplateEditor } from './TemplateEditor'
import { channelTitles, missingLocales, starterTemplate, TEMPLATE_ID, templateChannels, templateDiagnostics, type Channel } from './template-model'

/**
 * The journey's templates: a list beside the canvas's place, and the chosen template's editor and preview; `show`
 * chooses one (a problem's).
 */
export default function TemplatesPanel({ show }: { show?: string | undefined }) {
  const document = useDocument()
  const diagnostics = useDiagnostics()
  const ids = Object.keys(document.templates)
  const [chosen, setChosen] = useState<string | undefined>(show ?? ids[0])
  const selected = chosen && document.templates[chosen] ? chosen : ids[0]
  const template = selected ? document.templates[selected] : undefined
  const { locales } = document.settings

  return (
    <>
      <nav className="template-list" aria-label="Templates">
        <h2 className="panel-title template-list__title">Templates</h2>
        {ids.length === 0 && <p className="muted template-list__empty">This journey has no templates yet.</p>}
        <ul>
          {ids.map((id) => {
            const item = document.templates[id]!
            const missing = missingLocales(item, locales)
            const found = templateDiagnostics(diagnostics, id)
            const errors = found.filter((diagnostic) => diagnostic.severity === 'error').length
            const warnings = found.length - errors
            return (
              <li key={id}>
                <button
                  type="button"
                  className="template-item"
                  aria-current={id === selected ? 'true' : undefined}
                  onClick={() => setChosen(id)}
                  aria-label={`${item.name ?? id}, ${channelTitles[item.channel]}${missing.length ? `, missing ${missing.join(', ')}` : ''}${errors ? `, ${errors} errors` : ''}${warnings ? `, ${warnings} warnings` : ''}`}
                >
                  <span className="template-item__name">{item.name ?? id}</span>
                  <span className="template-item__meta">
                    <span className="mono">{id}</span> · {channelTitles[item.channel]}
                  </span>
                  {(missing.length > 0 || errors > 0 || warnings > 0) && (
                    <span className="template-item__flags">
                      {missing.map((locale) => (
                        <span key={locale} className="template-flag template-flag--missing">
                          {locale} missing
                        </span>
                      ))}
                      {errors > 0 && (
                        <span className="template-flag template-flag--error">
                          {errors} error{errors === 1 ? '' : 's'}
                        </span>
                      )}
                      {warnings > 0 && (
                        <span className="template-flag template-flag--warning">
                          {warnings} warning{warnings === 1 ? '' : 's'}
                        </span>
                      )}
                    </span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
        <NewTemplateForm taken={ids} onAdded={setChosen} />
      </nav>
      <main className="templates-main">
        {selected && template ? (
          <TemplateEditor key={selected} id={selected} template={template} onRemoved={() => setChosen(undefined)} />
        ) : (
          <p className="muted templates-main__empty">Add a template to write the messages this journey sends.</p>
        )}
      </main>
    </>
  )
}

function NewTemplateForm({ taken, onAdded }: { taken: string[]; onAdded: (id: string) => void }) {
  const store = useEditorStoreApi()
  const uid = useId()
  const [id, setId] = useState('')
  const [channel, setChannel] = useState<Channel>('email')
  const [touched, setTouched] = useState(false)
  const problem = !id
    ? 'Give the template an id'
    : !TEMPLATE_ID.test(id)
      ? 'Use lower-case letters, digits and dashes'
      : taken.includes(id)
        ? 'A template has this id'
        : undefined

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem) return
    const { defaultLocale } = store.getState().document.settings
    store.getState().applyChange({ type: 'add-template', id, template: starterTemplate(channel, defaultLocale) })
    onAdded(id)
    setId('')
    setTouched(false)
  }

  return (
    <form className="new-template" onSubmit={onSubmit} aria-label="New template" noValidate>
      <h3 className="inspector__section">New template</h3>
      <div className="template-field">
        <label htmlFor={`${uid}-id`}>Id</label>
        <input
          id={`${uid}-id`}
          className="mono"
          value={id}
          placeholder="e.g. second-reminder"
          onChange={(event) => setId(event.target.value.trim())}
          aria-invalid={touched && problem ? true : undefined}
          aria-describedby={touched && problem ? `${uid}-problem` : undefined}
        />
      </div>
      <div className="template-field">
        <label htmlFor={`${uid}-channel`}>Channel</label>
        <select id={`${uid}-channel`} value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
          {templateChannels.map((option) => (
            <option key={option} value={option}>
              {channelTitles[option]}
            </option>
          ))}
        </select>
      </div>
      {touched && problem && (
        <p id={`${uid}-problem`} className="field__error new-template__problem">
          {problem}
        </p>
      )}
      <button type="submit" className="button button--small">
        <Icon name="plus" /> Add template
      </button>
    </form>
  )
}
