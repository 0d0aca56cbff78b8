import { describe, expect, it } from 'vitest'
import { parseDeliveryCallback } from './index'

describe('parseDeliveryCallback', () => {
  it('reads delivered, failed with a reason, and a reply with its text', () => {
    expect(parseDeliveryCallback({ messageId: 'enr-7/3', status: 'delivered' })).toEqual({ ok: true, callback: { messageId: 'enr-7/3', status: 'delivered' } })
    expect(parseDeliveryCallback({ messageId: 'm', status: 'failed', reason: 'unknown subscriber', at: 123 })).toEqual({
      ok: true,
      callback: { messageId: 'm', status: 'failed', reason: 'unknown subscriber' },
    })
    expect(parseDeliveryCallback({ messageId: 'm', status: 'reply', text: 'STOPP' })).toEqual({
      ok: true,
      callback: { messageId: 'm', status: 'reply', text: 'STOPP' },
    })
  })

  it('names the field at fault', () => {
    expect(parseDeliveryCallback({ status: 'delivered' })).toMatchObject({ ok: false, error: expect.stringMatching(/^messageId: /) })
    expect(parseDeliveryCallback({ messageId: '', status: 'delivered' })).toEqual({ ok: false, error: 'messageId: must not be empty' })
    expect(parseDeliveryCallback({ messageId: 'm', status: 'opened' })).toMatchObject({ ok: false, error: expect.stringMatching(/^status: .*delivered/) })
    expect(parseDeliveryCallback({ messageId: 'm', status: 'failed', reason: 42 })).toMatchObject({ ok: false, error: expect.stringMatching(/^reason: /) })
    expect(parseDeliveryCallback({ messageId: 'm', status: 'reply' })).toEqual({ ok: false, error: 'text: is required for a reply' })
    expect(parseDeliveryCallback('delivered')).toMatchObject({ ok: false, error: expect.stringMatching(/^body: /) })
  })
})
