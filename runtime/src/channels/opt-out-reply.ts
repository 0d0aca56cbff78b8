/**
 * Keywords that opt out wherever they stand as a word ("Please STOP texting me"). CANCEL, END and QUIT are carrier
 * keywords too, but as a word in a sentence they are mostly something else ("I'll pay at the end of the month"), so
 * they count only as the whole reply.
 */
const anywhere = /(?<![\p{L}\p{N}])(?:stop|stopp|stopall|unsubscribe|abmelden)(?![\p{L}\p{N}])/iu
const alone = /^(?:cancel|end|quit)[\s.!]*$/iu

/** Whether a debtor's reply to an SMS or WhatsApp message asks to stop (Regulation F: any reasonable way to opt out counts). */
export function isOptOutReply(text: string): boolean {
  const reply = text.trim()
  return anywhere.test(reply) || alone.test(reply)
}
