import { describe, expect, it } from 'vitest'
import { smtpOptionsFromEnv } from './index'

describe('smtpOptionsFromEnv', () => {
  it('reads a complete configuration', () => {
    expect(
      smtpOptionsFromEnv({
        DUNWELL_SMTP_HOST: 'smtp.acme.test',
        DUNWELL_SMTP_PORT: '2525',
        DUNWELL_SMTP_SECURE: 'false',
        DUNWELL_SMTP_USER: 'dunwell',
        DUNWELL_SMTP_PASS: ' pass with spaces ',
        DUNWELL_SMTP_FROM: 'Acme Billing <billing@acme.test>',
        DUNWELL_SMTP_REPLY_TO: 'support@acme.test',
      }),
    ).toEqual({
      host: 'smtp.acme.test',
      port: 2525,
      secure: false,
      auth: { user: 'dunwell', pass: ' pass with spaces ' },
      from: 'Acme Billing <billing@acme.test>',
      replyTo: 'support@acme.test',
    })
  })

  it('defaults to 587 with STARTTLS, to 465 when secure, and to secure on port 465', () => {
    const base = { DUNWELL_SMTP_HOST: 'smtp.acme.test', DUNWELL_SMTP_FROM: 'billing@acme.test' }
    expect(smtpOptionsFromEnv(base)).toEqual({ host: 'smtp.acme.test', port: 587, secure: false, from: 'billing@acme.test' })
    expect(smtpOptionsFromEnv({ ...base, DUNWELL_SMTP_SECURE: 'TRUE' })).toMatchObject({ port: 465, secure: true })
    expect(smtpOptionsFromEnv({ ...base, DUNWELL_SMTP_PORT: '465' })).toMatchObject({ port: 465, secure: true })
    expect(smtpOptionsFromEnv({ ...base, DUNWELL_SMTP_PORT: '465', DUNWELL_SMTP_SECURE: 'no' })).toMatchObject({ port: 465, secure: false })
  })

  it('names every bad or missing variable in one error', () => {
    expect(() => smtpOptionsFromEnv({})).toThrow(/DUNWELL_SMTP_HOST is not set.*DUNWELL_SMTP_FROM is not set/)
    let message = ''
    try {
      smtpOptionsFromEnv({ DUNWELL_SMTP_HOST: 'h', DUNWELL_SMTP_PORT: '25x', DUNWELL_SMTP_SECURE: 'maybe', DUNWELL_SMTP_USER: 'u', DUNWELL_SMTP_FROM: 'Acme' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('DUNWELL_SMTP_PORT must be a port number (1-65535), got "25x"')
    expect(message).toContain('DUNWELL_SMTP_SECURE must be true or false, got "maybe"')
    expect(message).toContain('DUNWELL_SMTP_PASS is not set, but DUNWELL_SMTP_USER is')
    expect(message).toContain('DUNWELL_SMTP_FROM must be an email address, got "Acme"')
    expect(() => smtpOptionsFromEnv({ DUNWELL_SMTP_HOST: 'h', DUNWELL_SMTP_FROM: 'a@b.test', DUNWELL_SMTP_PORT: '70000' })).toThrow(/DUNWELL_SMTP_PORT/)
    expect(() => smtpOptionsFromEnv({ DUNWELL_SMTP_HOST: 'h', DUNWELL_SMTP_FROM: 'a@b.test', DUNWELL_SMTP_PASS: 'p' })).toThrow(/DUNWELL_SMTP_USER is not set/)
  })
})
