export { createMessageRenderer, renderMessage, type MessageRenderer, type MessageRendererOptions } from './render-message'
export { chooseLocale } from './choose-locale'
export { MessageRenderError } from './message-render-error'
export type { MessageVariables, RenderedMessage, RenderInput } from './types'
