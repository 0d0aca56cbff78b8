import type { Template } from '@dunwell/journey'
import { useId, useState } from 'react'
import { useDocument } from '../store'
import { SmsCounter } from './LocaleColumn'
import { sampleCases } from './sample-cases'
import { isTextMessage, rendersHtml } from './template-model'
import { usePreview } from './usePreview'

/** The runtime's rendering of the template for a sample debtor: preview = what is sent. */
export function TemplatePreview({ id, template, locales }: { id: string; template: Template; locales: string[] }) {
  const document = useDocument()
  const uid = useId()
  const [sampleIndex, setSampleIndex] = useState(0)
  const [locale, setLocale] = useState('')
  const sample = (sampleCases[sampleIndex] ?? sampleCases[0]!).sample
  const preview = usePreview(document, id, sample, locale || undefined)
  const message = preview.state === 'ready' ? preview.message : preview.state === 'loading' ? preview.last : undefined

  return (
    <section className="template-preview" aria-labelledby={`${uid}-title`}>
      <div className="template-preview__head">
        <h3 id={`${uid}-title`} className="locale-column__title">
          Preview
        </h3>
        <span className="muted template-preview__state" role="status">
          {preview.state === 'loading' ? 'Rendering…' : message ? `${message.channel} · ${message.locale}` : ''}
        </span>
      </div>
      <div className="template-preview__controls">
        <label>
          <span>Sample case</span>
          <select value={sampleIndex} onChange={(event) => setSampleIndex(Number(event.target.value))} aria-label="Sample case">
            {sampleCases.map((option, index) => (
              <option key={option.sample.id} value={index}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Locale</span>
          <select value={locale} onChange={(event) => setLocale(event.target.value)} aria-label="Preview locale">
            <option value="">The debtor's ({sample.debtor.locale ?? 'none'})</option>
            {locales.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preview.state === 'failed' ? (
        <div className="notice notice--error template-preview__problem" aria-live="polite">
          <strong>Does not render.</strong> {preview.problem}
        </div>
      ) : message ? (
        <div className={`template-preview__message ${preview.state === 'loading' ? 'template-preview__message--stale' : ''}`}>
          {message.subject !== undefined && (
            <p className="template-preview__subject">
              <span className="muted">Subject</span> {message.subject}
            </p>
          )}
          {message.html !== undefined && rendersHtml(template.channel) ? (
            <iframe className="template-preview__frame" title={`Preview of ${id}`} sandbox="" srcDoc={message.html} />
          ) : (
            <>
              <pre className="template-preview__text" aria-label={`Preview of ${id}`}>
                {message.text ?? message.html ?? ''}
              </pre>
              {isTextMessage(template.channel) && <SmsCounter text={message.text ?? ''} prefix="As sent" />}
            </>
          )}
        </div>
      ) : (
        <p className="muted template-preview__empty">Rendering the preview…</p>
      )}
    </section>
  )
}
