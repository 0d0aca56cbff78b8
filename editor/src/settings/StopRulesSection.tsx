import { checkCondition, knownEventTypes, type StopRule } from '@dunwell/journey'
import { FieldMessages } from '../inspector/FieldMessages'
import { Icon } from '../ui/Icon'
import { SettingSection } from './SettingSection'
import { settingFieldId } from './setting-fields'
import { SettingText } from './SettingText'
import { useSettings, withSetting } from './settings-context'
import { s } from './strings'

/** A new rule stops on an event that usually ends dunning. */
const FIRST_RULE: StopRule = { event: 'dispute.opened', outcome: 'disputed' }

/** Events that end an enrolment wherever it is: each an event, an optional condition and the outcome. */
export function StopRulesSection() {
  const { settings, problems, update } = useSettings()
  const rules = settings.stopOn ?? []
  const write = (next: StopRule[], edit?: string) => update(withSetting(settings, 'stopOn', next.length > 0 ? next : undefined), edit)
  const change = (index: number, rule: StopRule, edit?: string) => write(rules.with(index, rule), edit)
  // A text emptied removes an optional field of the rule.
  const setText = (rule: StopRule, key: 'when' | 'outcome', text: string): StopRule => {
    const { [key]: _, ...rest } = rule
    return text ? { ...rest, [key]: text } : rest
  }
  const id = settingFieldId('settings.stopOn')

  return (
    <SettingSection id="settings-stop" title={s.stopRules}>
      <p className="field__help">{s.stopRulesHelp}</p>
      <FieldMessages id={`${id}-messages`} diagnostics={problems.byField.get('settings.stopOn')} />
      <ol className="settings__rules" id={id} tabIndex={-1} aria-label={s.stopRules}>
        {rules.map((rule, index) => (
          <li key={index} className="settings__rule" id={settingFieldId(`settings.stopOn.${index}`)} tabIndex={-1} aria-label={s.stopRule(index + 1)}>
            <div className="settings__rule-head">
              <span className="settings__rule-title">{s.stopRule(index + 1)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={s.removeStopRule(index + 1)}
                title={s.removeStopRule(index + 1)}
                onClick={() => write(rules.filter((_, at) => at !== index))}
              >
                <Icon name="trash" size={14} />
              </button>
            </div>
            <FieldMessages id={`${settingFieldId(`settings.stopOn.${index}`)}-messages`} diagnostics={problems.byField.get(`settings.stopOn.${index}`)} />
            <SettingText
              field={`settings.stopOn.${index}.event`}
              label={s.event}
              value={rule.event}
              mono
              placeholder="dispute.opened"
              suggestions={knownEventTypes}
              onChange={(text, edit) => change(index, { ...rule, event: text }, edit)}
            />
            <SettingText
              field={`settings.stopOn.${index}.when`}
              label={s.when}
              value={rule.when ?? ''}
              optional
              check={checkCondition}
              placeholder="case.balance > 0.0"
              onChange={(text, edit) => change(index, setText(rule, 'when', text), edit)}
            />
            <SettingText
              field={`settings.stopOn.${index}.outcome`}
              label={s.outcome}
              value={rule.outcome ?? ''}
              optional
              mono
              placeholder="stopped"
              help={s.outcomeHelp}
              onChange={(text, edit) => change(index, setText(rule, 'outcome', text), edit)}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button" disabled={rules.length >= 20} onClick={() => write([...rules, FIRST_RULE])}>
        <Icon name="plus" /> {s.addStopRule}
      </button>
    </SettingSection>
  )
}
