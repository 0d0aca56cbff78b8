import { validate, type Journey } from '@dunwell/journey'
import { sampleJourney } from '@dunwell/journey/testing'
import { describe, expect, it } from 'vitest'
import { fieldMessage } from '../inspector/field-errors'
import { missingTranslations, settingField, settingFieldId, settingProblems } from './setting-fields'

/** The sample journey with its settings changed, and what the validator finds in it. */
function findings(change: (journey: Journey) => void) {
  const journey = sampleJourney()
  change(journey)
  return { journey, diagnostics: validate(journey) }
}

const fieldsOf = (change: (journey: Journey) => void) => [...settingProblems(findings(change).diagnostics).byField.keys()].sort()

describe('the settings screen’s fields', () => {
  it('puts every finding of the validator about a setting at the field it is about', () => {
    expect(
      fieldsOf((journey) => {
        journey.name = ''
        journey.settings.contactHours = { start: '18:00', end: '09:00', days: [] }
        journey.settings.priority = { rank: 0, group: 'a b' }
        journey.settings.stopOn = [{ event: 'dispute.opened' }, { event: 'Bad' }]
      }),
    ).toEqual([
      'name',
      'settings.contactHours.days',
      'settings.contactHours.end',
      'settings.priority.group',
      'settings.priority.rank',
      'settings.stopOn.1.event',
    ])
    expect(fieldsOf((journey) => (journey.settings.goal = 'case.balance <='))).toEqual(['settings.goal'])
    expect(fieldsOf((journey) => (journey.settings.stopOn = [{ event: 'payment.received', when: 'case.balance >' }]))).toEqual(['settings.stopOn.0.when'])
    expect(fieldsOf((journey) => (journey.settings.defaultLocale = 'fr'))).toEqual(['settings.defaultLocale'])
  })

  it('says what is wrong without the path the field already shows', () => {
    const { diagnostics } = findings((journey) => (journey.settings.priority = { rank: 1001 }))
    const [rank] = settingProblems(diagnostics).byField.get('settings.priority.rank') ?? []
    expect(rank && fieldMessage(rank)).toBe('must be at most 1000')
    const stop = settingProblems(findings((journey) => (journey.settings.stopOn = [{ event: 'Bad' }])).diagnostics).byField.get('settings.stopOn.0.event')
    expect(stop?.map(fieldMessage)).toEqual(['must look like `invoice.overdue` or `optout`: lower-case words, joined by dots'])
  })

  it('sends a finding about something no field shows to the nearest field that does, else to the general list', () => {
    expect(settingField(['settings', 'stopOn', 3, 'unknown'])).toBe('settings.stopOn.3')
    expect(settingField('settings.priority.rank')).toBe('settings.priority.rank')
    expect(settingField('settings.stopOn[2].when')).toBe('settings.stopOn.2.when')
    expect(settingField(['settings', 'mystery'])).toBeUndefined()
    expect(settingField(['nodes', 0, 'data', 'when'])).toBeUndefined()
    const { diagnostics } = findings((journey) => Object.assign(journey.settings, { mystery: true }))
    const problems = settingProblems(diagnostics)
    expect(problems.general.map((diagnostic) => diagnostic.path)).toEqual([['settings']])
    expect(problems.byField.size).toBe(0)
  })

  it('gives each field an element id a focus can find', () => {
    expect(settingFieldId('settings.stopOn.0.when')).toBe('setting-settings-stopOn-0-when')
    expect(settingFieldId('name')).toBe('setting-name')
  })

  it('lists the templates a new language lacks, as the validator reports them, with the languages each lacks', () => {
    const { journey, diagnostics } = findings((journey) => {
      journey.settings.locales = ['en', 'de', 'fr']
      journey.templates.nudge!.body.fr = 'Payez ici : {{ links.pay }} STOP pour arrêter'
      journey.templates.chat!.body.fr = 'Bonjour'
      journey.templates.letter!.body.fr = '<p>Madame, Monsieur</p>'
      journey.templates.script!.body.fr = 'Demandez comment aider.'
      delete journey.templates.script!.body.de
    })
    expect(missingTranslations(diagnostics, journey)).toEqual([
      { id: 'reminder', name: 'reminder', locales: ['fr'] },
      { id: 'script', name: 'script', locales: ['de'] },
    ])
    expect(missingTranslations(validate(sampleJourney()), sampleJourney())).toEqual([])
  })

  it('lists the templates that lack the default language once it is changed to one they are not written in', () => {
    const { journey, diagnostics } = findings((journey) => {
      journey.settings.locales = ['en', 'de', 'fr']
      journey.settings.defaultLocale = 'fr'
      journey.templates.nudge!.body.fr = 'Payez ici : {{ links.pay }} STOP pour arrêter'
    })
    expect(missingTranslations(diagnostics, journey).map((template) => [template.id, template.locales])).toEqual([
      ['reminder', ['fr']],
      ['chat', ['fr']],
      ['letter', ['fr']],
      ['script', ['fr']],
    ])
  })
})
