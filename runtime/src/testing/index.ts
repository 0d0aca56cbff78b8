// Helpers for tests of Dunwell and of services that embed it; not part of the runtime itself.
export { decodeHeader, parseRawEmail, partOf, type MimePart } from './raw-email'
export { seeded } from './seeded'
