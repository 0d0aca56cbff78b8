import { defineMessageKind } from './channel'

export const letter = defineMessageKind({
  type: 'letter',
  title: 'Letter',
  icon: 'file-text',
  help: 'Have a letter printed and posted to the debtor',
})
