/** Every namespace of the en strings, by file: one chunk, loaded by ../index.ts when the page needs the language. */
export default import.meta.glob<Record<string, unknown>>('../locales/en/*.json', { eager: true, import: 'default' });
