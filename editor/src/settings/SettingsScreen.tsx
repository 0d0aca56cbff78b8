import { checkCondition, DEFAULT_GOAL, type Settings } from '@dunwell/journey'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { FieldMessages } from '../inspector/FieldMessages'
import { useApplyChange, useDiagnostics, useDocument, useEditorStoreApi, useSelection } from '../store'
import { Icon } from '../ui/Icon'
import { ContactHoursSection } from './ContactHoursSection'
import { LanguagesSection } from './LanguagesSection'
import { PrioritySection } from './PrioritySection'
import { PromisesSection } from './PromisesSection'
import { settingField, settingFieldId, settingProblems } from './setting-fields'
import { SettingSection } from './SettingSection'
import { SettingText } from './SettingText'
import { SettingsContext, useSettings, withSetting } from './settings-context'
import { StopRulesSection } from './StopRulesSection'
import { s } from './strings'

/**
 * The journey's settings as a form: name and description, languages, goal, contact hours, stop rules, priority, and
 * promises and plans.
 * Every edit is one change of the store (typing in a field is one undo step); the validator's findings stand at the
 * field they are about, and a setting selected elsewhere (a problem) is scrolled to and focused.
 */
export default function SettingsScreen({ onOpenTemplate }: { onOpenTemplate: (id: string) => void }) {
  const document = useDocument()
  const diagnostics = useDiagnostics()
  const applyChange = useApplyChange()
  const problems = useMemo(() => settingProblems(diagnostics), [diagnostics])
  const update = useCallback(
    (settings: Settings, edit?: string) => applyChange({ type: 'update-settings', settings, ...(edit ? { edit } : {}) }),
    [applyChange],
  )
  const context = useMemo(() => ({ settings: document.settings, problems, update }), [document.settings, problems, update])
  useFocusSelectedSetting()

  return (
    <SettingsContext.Provider value={context}>
      <main className="settings" aria-labelledby="settings-title">
        <div className="settings__body">
          <h2 id="settings-title" className="settings__title">
            {s.title}
          </h2>
          <p className="muted">{s.intro}</p>
          {problems.general.length > 0 && (
            <ul className="inspector__problems" aria-label={s.problems}>
              {problems.general.map((diagnostic, index) => (
                <li key={index} className={diagnostic.severity === 'error' ? 'field__error' : 'field__warning'}>
                  <Icon name="alert" size={13} /> {diagnostic.message}
                </li>
              ))}
            </ul>
          )}
          <SettingSection id="settings-general" title={s.general}>
            <NameField />
            <SettingText
              field="description"
              label={s.description}
              value={document.description ?? ''}
              optional
              multiline
              help={s.descriptionHelp}
              onChange={(description, edit) => applyChange({ type: 'describe', description, edit })}
            />
          </SettingSection>
          <LanguagesSection onOpenTemplate={onOpenTemplate} />
          <SettingSection id="settings-goal" title={s.goal}>
            <SettingText
              field="settings.goal"
              label={s.goalLabel}
              value={document.settings.goal ?? ''}
              optional
              check={checkCondition}
              placeholder={DEFAULT_GOAL}
              help={s.goalHelp}
              onChange={(goal, edit) => update(withSetting(document.settings, 'goal', goal || undefined), edit)}
            />
          </SettingSection>
          <ContactHoursSection />
          <StopRulesSection />
          <PrioritySection />
          <PromisesSection />
        </div>
      </main>
    </SettingsContext.Provider>
  )
}

/** The name, renamed as the toolbar does it: on Enter or on leaving the field, never to nothing. */
function NameField() {
  const name = useDocument().name
  const applyChange = useApplyChange()
  const { problems } = useSettings()
  const [text, setText] = useState(name)
  useEffect(() => setText(name), [name])
  const id = settingFieldId('name')
  const found = problems.byField.get('name')
  const commit = () => {
    const next = text.trim()
    if (next && next !== name) applyChange({ type: 'rename', name: next })
    else setText(name)
  }
  return (
    <div className="field">
      <label htmlFor={id}>{s.name}</label>
      <input
        id={id}
        value={text}
        maxLength={200}
        aria-describedby={`${id}-messages`}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
      />
      <FieldMessages id={`${id}-messages`} diagnostics={found} />
    </div>
  )
}

/**
 * A setting selected elsewhere (a problem in the panel) is scrolled into view and gets the focus. The selection is
 * then spent, so that choosing the same problem again (after leaving for the canvas, say) shows it again.
 */
function useFocusSelectedSetting() {
  const path = useSelection().setting
  const store = useEditorStoreApi()
  useEffect(() => {
    if (!path) return
    store.getState().select({ nodes: [], edges: [] })
    // The field itself, else the nearest parent on screen (a rule's row for a key the form does not show).
    let parts = settingField(path)?.split('.') ?? []
    let element: HTMLElement | null = null
    while (parts.length > 0 && !element) {
      element = window.document.getElementById(settingFieldId(parts.join('.')))
      parts = parts.slice(0, -1)
    }
    if (!element) return
    element.scrollIntoView({ block: 'center' })
    element.focus({ preventScroll: true })
  }, [path, store])
}
