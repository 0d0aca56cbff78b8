import { defineMessageKind } from './channel'

export const whatsapp = defineMessageKind({
  type: 'whatsapp',
  title: 'WhatsApp',
  icon: 'message-circle',
  help: 'Send a WhatsApp message to a debtor who consented to it',
})
