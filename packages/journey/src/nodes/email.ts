import { defineMessageKind } from './channel'

export const email = defineMessageKind({
  type: 'email',
  title: 'Email',
  icon: 'mail',
  help: "Send an email from a template, in the debtor's language",
})
