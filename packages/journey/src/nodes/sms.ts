import { defineMessageKind } from './channel'

export const sms = defineMessageKind({
  type: 'sms',
  title: 'SMS',
  icon: 'message-square',
  help: 'Send a short text message, e.g. with a payment link',
})
