import { describe, expect, it } from 'vitest'
import { diffJourneys, isMoveOnly, type Journey, type JourneyNode } from '@dunwell/journey'
import { promiseWaitJourney, sampleJourney } from '@dunwell/journey/testing'

/** The sample journey with one thing changed by `edit`. */
function edited(edit: (journey: Journey) => void): Journey {
  const journey = sampleJourney()
  edit(journey)
  return journey
}

const node = (journey: Journey, id: string) => journey.nodes.find((candidate) => candidate.id === id)!

describe('diffJourneys', () => {
  it('finds nothing between a journey and itself, nor when only key order or edge ids differ', () => {
    expect(diffJourneys(sampleJourney(), sampleJourney())).toEqual([])
    const reordered = edited((journey) => {
      journey.settings = { defaultLocale: 'en', locales: ['en', 'de'] }
      journey.edges = journey.edges.map((edge, index) => ({ ...edge, id: `edge-${index}` }))
      journey.templates = Object.fromEntries(Object.entries(journey.templates).reverse())
    })
    expect(diffJourneys(sampleJourney(), reordered)).toEqual([])
  })

  it('names a changed step by its kind and label, and the field that changed', () => {
    const after = edited((journey) => {
      const mail = node(journey, 'mail') as JourneyNode<'email'>
      mail.data = { label: 'Friendly reminder', template: 'nudge' }
    })
    const before = edited((journey) => {
      ;(node(journey, 'mail') as JourneyNode<'email'>).data.label = 'Friendly reminder'
    })
    expect(diffJourneys(before, after)).toEqual([
      {
        kind: 'changed',
        subject: 'node',
        id: 'mail',
        nodeId: 'mail',
        fields: ['template'],
        message: 'Email ‘Friendly reminder’: template changed from ‘reminder’ to ‘nudge’',
      },
    ])
  })

  it('names a wait for a promise or plan by its kind, and its changed time to make one', () => {
    const after = promiseWaitJourney()
    ;(node(after, 'arrangement') as JourneyNode<'await-arrangement'>).data.timeout = 'P7D'
    expect(diffJourneys(promiseWaitJourney(), after)).toEqual([
      {
        kind: 'changed',
        subject: 'node',
        id: 'arrangement',
        nodeId: 'arrangement',
        fields: ['timeout'],
        message: 'Wait for promise or plan ‘arrangement’: time limit changed from ‘14 days’ to ‘7 days’',
      },
    ])
  })

  it('names what changed inside an offer: a rule of its plan, an interval allowed, a part added', () => {
    const offerJourney = (data: JourneyNode<'offer'>['data']): Journey => {
      const journey = sampleJourney()
      journey.nodes.push({ id: 'deal', type: 'offer', position: { x: 0, y: 600 }, data })
      return journey
    }
    const before = offerJourney({ plan: { minInstalment: 25, maxCount: 6, intervals: ['P1M'] } })
    const after = offerJourney({ plan: { minInstalment: 25, maxCount: 12, intervals: ['P1M', 'P2W'] }, promise: { maxDays: 14 } })
    expect(diffJourneys(before, after).map((change) => change.message)).toEqual([
      'Offer ‘deal’: instalment plan: most instalments changed from ‘6’ to ‘12’, intervals changed from ‘1 month’ to ‘1 month, 2 weeks’, promise to pay added',
    ])
  })

  it('says when an entry moves from an event to a day past due, and what day and time', () => {
    const entryOf = (journey: Journey) => journey.nodes.find((candidate): candidate is JourneyNode<'entry'> => candidate.type === 'entry')!
    const thirty = edited((journey) => {
      entryOf(journey).data = { daysPastDue: 30, at: '09:00' }
    })
    const fortyFive = edited((journey) => {
      entryOf(journey).data = { daysPastDue: 45, at: '10:00' }
    })
    const id = entryOf(thirty).id
    expect(diffJourneys(thirty, fortyFive).map((change) => change.message)).toEqual([
      `Entry ‘${id}’: days past due changed from ‘30’ to ‘45’, time of day changed from ‘09:00’ to ‘10:00’`,
    ])
    expect(diffJourneys(sampleJourney(), thirty)[0]!.message).toMatch(/days past due changed/)
  })

  it('tells a move on the canvas apart from a change of content', () => {
    const moved = edited((journey) => void (node(journey, 'pause').position = { x: 40, y: 400 }))
    expect(diffJourneys(sampleJourney(), moved)).toEqual([
      expect.objectContaining({ id: 'pause', fields: ['position'], message: 'Wait ‘pause’: moved on the canvas' }),
    ])
    const both = edited((journey) => {
      const pause = node(journey, 'pause') as JourneyNode<'wait'>
      pause.position = { x: 40, y: 400 }
      pause.data = { for: 'P5D', businessDays: true }
    })
    expect(diffJourneys(sampleJourney(), both)).toEqual([
      expect.objectContaining({ fields: ['for', 'position'], message: 'Wait ‘pause’: duration changed from ‘3 days’ to ‘5 days’, moved' }),
    ])
    expect(diffJourneys(sampleJourney(), moved).map(isMoveOnly)).toEqual([true])
    expect(diffJourneys(sampleJourney(), both).map(isMoveOnly)).toEqual([false])
  })

  it('lists added and removed steps with the connections that came and went', () => {
    const after = edited((journey) => {
      journey.nodes = journey.nodes.filter((candidate) => candidate.id !== 'chat')
      journey.nodes.push({ id: 'call-back', type: 'exit', position: { x: 400, y: 400 }, data: { outcome: 'handed-over', label: 'Hand over' } })
      journey.edges = journey.edges.filter((edge) => edge.source !== 'chat' && edge.target !== 'chat')
      journey.edges.push({ id: 'e5', source: 'tone', sourceHandle: 'b', target: 'call-back' })
      delete (journey.templates as Record<string, unknown>).chat
    })
    expect(diffJourneys(sampleJourney(), after).map((change) => [change.kind, change.subject, change.message])).toEqual([
      ['added', 'node', 'Added step Exit ‘Hand over’'],
      ['removed', 'node', 'Removed step WhatsApp ‘chat’'],
      ['added', 'edge', 'Connected A/B split ‘tone’ (b) → Exit ‘Hand over’'],
      ['removed', 'edge', 'Disconnected A/B split ‘tone’ (b) → WhatsApp ‘chat’'],
      ['removed', 'edge', 'Disconnected WhatsApp ‘chat’ → Wait ‘pause’'],
      ['removed', 'template', 'Removed template ‘chat’'],
    ])
    // A removed step is not on the canvas any more: nothing to open; a removed edge opens its source, if it is still there.
    const opens = diffJourneys(sampleJourney(), after)
      .filter((change) => change.kind === 'removed')
      .map((change) => change.nodeId)
    expect(opens).toEqual([undefined, 'tone', undefined, undefined])
  })

  it('names the branches and variants that changed, came or went', () => {
    const after = edited((journey) => {
      const age = node(journey, 'age') as JourneyNode<'segment'>
      age.data.branches = [
        { id: 'old', label: 'Pensioners', when: 'debtor.age >= 67' },
        { id: 'young', label: 'Young', when: 'debtor.age < 25' },
      ]
      const tone = node(journey, 'tone') as JourneyNode<'split'>
      tone.data.variants = [tone.data.variants[1]!, { ...tone.data.variants[0]!, weight: 40 }, { id: 'c', label: 'Firm', weight: 10 }]
    })
    expect(diffJourneys(sampleJourney(), after).map((change) => change.message)).toEqual([
      'Segment ‘age’: added branch ‘Pensioners’, branch ‘Young’: condition changed',
      'A/B split ‘tone’: added variant ‘Firm’, variant ‘Friendly’: weight changed, variants reordered',
    ])
  })

  it('says which translation of a template changed', () => {
    const after = edited((journey) => {
      journey.templates.reminder!.body.de = '<mjml><mj-body></mj-body></mjml>'
      journey.templates.reminder!.subject = { en: 'Reminder' }
    })
    expect(diffJourneys(sampleJourney(), after)).toEqual([
      {
        kind: 'changed',
        subject: 'template',
        id: 'reminder',
        fields: ['subject.de', 'body.de'],
        message: 'Template ‘reminder’: subject (de), body (de) changed',
      },
    ])
  })

  it('reports the name, description and each setting', () => {
    const after = edited((journey) => {
      journey.name = 'Gentler'
      journey.description = 'Now with less pressure'
      journey.settings.goal = 'case.balance <= 5'
      journey.settings.contactHours = { start: '09:00', end: '18:00' }
      journey.settings.priority = { rank: 2 }
      journey.settings.stopOn = [{ event: 'dispute.opened' }]
    })
    expect(diffJourneys(sampleJourney(), after).map((change) => change.message)).toEqual([
      'Renamed from ‘Sample journey’ to ‘Gentler’',
      'Description changed',
      'Settings: goal set',
      'Settings: contact hours set',
      'Settings: priority set',
      'Settings: stop rules set',
    ])
  })

  it('names a step whose kind changed by both its kinds', () => {
    const after = edited((journey) => {
      const index = journey.nodes.findIndex((candidate) => candidate.id === 'text')
      journey.nodes[index] = { id: 'text', type: 'whatsapp', position: { x: 200, y: 300 }, data: { template: 'chat' } }
    })
    expect(diffJourneys(sampleJourney(), after)).toEqual([
      expect.objectContaining({ id: 'text', fields: ['type'], message: 'WhatsApp ‘text’: was SMS ‘text’' }),
    ])
  })
})
