import type { Template } from '@dunwell/journey'
import { useId } from 'react'
import { useEditSession } from '../inspector/useEditSession'
import { useDiagnostics, useEditorStoreApi, useHistory } from '../store'
import { CodeEditor } from './CodeEditor'
import { countSms, describeSms } from './sms-segments'
import { TemplateDiagnostics } from './TemplateDiagnostics'
import { editorLanguage, isTextMessage, templateDiagnostics, type TemplatePart } from './template-model'

interface LocaleColumnProps {
  id: string
  template: Template
  locale: string
  isDefault: boolean
  /** The other locales to switch this column to; none for the default locale's column. */
  choices?: string[]
  onChoose?: (locale: string) => void
}

/** One locale of a template: its subject (email) and body, with the validator's findings for that locale. */
export function LocaleColumn({ id, template, locale, isDefault, choices, onChoose }: LocaleColumnProps) {
  const store = useEditorStoreApi()
  const { undo, redo } = useHistory()
  const diagnostics = templateDiagnostics(useDiagnostics(), id, locale)
  const subjectSession = useEditSession(`${id}:subject:${locale}`)
  const bodySession = useEditSession(`${id}:body:${locale}`)
  const uid = useId()
  const body = template.body[locale]
  const subject = template.subject?.[locale]
  const email = template.channel === 'email'

  const write = (part: TemplatePart, text: string, edit: string) => {
    const current = store.getState().document.templates[id]
    if (!current) return
    const texts = { ...(current[part] ?? {}), [locale]: text }
    store.getState().applyChange({ type: 'update-template', id, template: { ...current, [part]: texts }, edit })
  }

  const missing = body === undefined || (email && subject === undefined)
  return (
    <section className="locale-column" aria-labelledby={`${uid}-title`}>
      <div className="locale-column__head">
        <h3 id={`${uid}-title`} className="locale-column__title">
          {isDefault ? (
            <>
              <span className="mono">{locale}</span> <span className="muted">default locale</span>
            </>
          ) : (
            <span className="visually-hidden">Translation</span>
          )}
        </h3>
        {!isDefault && choices && onChoose && (
          <label className="locale-column__choice">
            <span>Translation</span>
            <select value={locale} onChange={(event) => onChoose(event.target.value)} aria-label="Translation locale">
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                  {template.body[choice] === undefined ? ' (missing)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {missing && <span className="template-flag template-flag--missing">{isDefault ? 'missing text' : 'not translated'}</span>}
      </div>
      {email && (
        <div className="template-field">
          <label htmlFor={`${uid}-subject`}>Subject ({locale})</label>
          <input
            id={`${uid}-subject`}
            className="mono"
            value={subject ?? ''}
            placeholder={isDefault ? 'Subject' : `Subject in ${locale}`}
            onFocus={subjectSession.start}
            onBlur={subjectSession.end}
            onChange={(event) => write('subject', event.target.value, subjectSession.current())}
          />
        </div>
      )}
      <div className="template-field template-field--grow">
        <span className="template-field__label" id={`${uid}-body`}>
          Body ({locale}){email ? ' · MJML' : template.channel === 'letter' ? ' · HTML' : ''}
        </span>
        <div className="code-editor" aria-labelledby={`${uid}-body`}>
          <CodeEditor
            key={`${id}:${locale}`}
            value={body ?? ''}
            language={editorLanguage(template.channel)}
            label={`Body of template ${id} in ${locale}`}
            onFocus={bodySession.start}
            onBlur={bodySession.end}
            onChange={(text) => write('body', text, bodySession.current())}
            history={{ undo, redo }}
          />
        </div>
        {isTextMessage(template.channel) && <SmsCounter text={body ?? ''} />}
      </div>
      <TemplateDiagnostics diagnostics={diagnostics} label={`Problems in ${locale}`} />
    </section>
  )
}

/** Characters and SMS parts of the text as written (placeholders count as typed, not as filled in). */
export function SmsCounter({ text, prefix = 'As written' }: { text: string; prefix?: string }) {
  const count = countSms(text)
  return (
    <p className={`sms-counter ${count.segments > 1 ? 'sms-counter--long' : ''}`} aria-live="polite">
      {prefix}: {describeSms(count)}
    </p>
  )
}
