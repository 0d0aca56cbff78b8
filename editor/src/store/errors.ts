/** The editor's own error messages, in one place. */
export const errors = {
  noStore: 'an editor hook was used outside <EditorStoreProvider>: wrap the editor in one',
} as const
