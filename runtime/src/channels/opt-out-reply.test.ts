import { describe, expect, it } from 'vitest'
import { isOptOutReply } from './index'

describe('isOptOutReply', () => {
  it.each([
    'STOP',
    'stop',
    '  Stop.  ',
    'STOPP',
    'Stopp!',
    'stopall',
    'UNSUBSCRIBE',
    'Abmelden',
    'Bitte abmelden',
    'Please STOP texting me',
    'cancel',
    'END',
    'Quit!',
  ])('%j opts out', (text) => expect(isOptOutReply(text)).toBe(true))

  it.each([
    '',
    'Stopwatch',
    'nonstop',
    'I will pay at the end of the month',
    'cancel my old plan, I pay the new one',
    'Danke, bezahlt',
    'quite right',
    'Endlich bezahlt',
  ])('%j does not', (text) => expect(isOptOutReply(text)).toBe(false))
})
