import type { Template } from '@dunwell/journey'
import { useId, useState } from 'react'
import { useEditSession } from '../inspector/useEditSession'
import { useDiagnostics, useDocument, useEditorStoreApi } from '../store'
import { Icon } from '../ui/Icon'
import { LocaleColumn } from './LocaleColumn'
import { TemplateDiagnostics } from './TemplateDiagnostics'
import { TemplatePreview } from './TemplatePreview'
import { channelTitles, stepsUsing, templateChannels, templateDiagnostics, type Channel } from './template-model'

/** One template: its name and channel, the default locale beside a chosen translation, and the live preview. */
export function TemplateEditor({ id, template, onRemoved }: { id: string; template: Template; onRemoved: () => void }) {
  const store = useEditorStoreApi()
  const document = useDocument()
  const diagnostics = templateDiagnostics(useDiagnostics(), id, null)
  const nameSession = useEditSession(`${id}:name`)
  const uid = useId()
  const { locales, defaultLocale } = document.settings
  const others = locales.filter((locale) => locale !== defaultLocale)
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const other = chosen && others.includes(chosen) ? chosen : others[0]
  const users = stepsUsing(document, id)

  const update = (next: Template, edit?: string) => store.getState().applyChange({ type: 'update-template', id, template: next, ...(edit ? { edit } : {}) })
  const setChannel = (channel: Channel) => {
    const { subject: _subject, ...rest } = template
    update(channel === 'email' ? { ...rest, channel, subject: template.subject ?? {} } : { ...rest, channel })
  }

  return (
    <section className="template-editor" aria-label={`Template ${id}`}>
      <div className="template-editor__head">
        <div className="template-field">
          <label htmlFor={`${uid}-name`}>Name</label>
          <input
            id={`${uid}-name`}
            value={template.name ?? ''}
            placeholder={id}
            onFocus={nameSession.start}
            onBlur={nameSession.end}
            onChange={(event) => update({ ...template, name: event.target.value }, nameSession.current())}
          />
        </div>
        <div className="template-field">
          <label htmlFor={`${uid}-channel`}>Channel</label>
          <select id={`${uid}-channel`} value={template.channel} onChange={(event) => setChannel(event.target.value as Channel)}>
            {templateChannels.map((channel) => (
              <option key={channel} value={channel}>
                {channelTitles[channel]}
              </option>
            ))}
          </select>
        </div>
        <div className="template-editor__id">
          <span className="muted">Id</span> <span className="mono">{id}</span>
          <span className="muted template-editor__users">{users.length ? `Used by ${users.join(', ')}` : 'Not used by any step'}</span>
        </div>
        <button
          type="button"
          className="button button--ghost template-editor__remove"
          disabled={users.length > 0}
          onClick={() => {
            store.getState().applyChange({ type: 'remove-template', id })
            onRemoved()
          }}
          aria-label={`Delete template ${id}`}
          title={users.length ? 'A template in use cannot be deleted: change its steps first' : 'Delete this template (undo brings it back)'}
        >
          <Icon name="trash" /> Delete
        </button>
      </div>
      <TemplateDiagnostics diagnostics={diagnostics} label={`Problems of template ${id}`} />
      <div className={`template-editor__columns ${other ? '' : 'template-editor__columns--single'}`}>
        <LocaleColumn id={id} template={template} locale={defaultLocale} isDefault />
        {other && <LocaleColumn id={id} template={template} locale={other} isDefault={false} choices={others} onChoose={setChosen} />}
        <TemplatePreview id={id} template={template} locales={locales} />
      </div>
    </section>
  )
}
