/**
 * Cleans HTML pasted from word processors before ProseMirror parses it with the clause schema (which keeps
 * only paragraphs, (a)/(i) lists, emphasis and strong, and the text of everything else). Word adds
 * conditional comments, style blocks, `<o:p>` and list bullets typed as text (`mso-list:Ignore`); those would
 * otherwise survive as stray characters.
 */
export function cleanPastedHtml(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|xml|meta|link|title|head)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<(meta|link)\b[^>]*>/gi, '')
    .replace(/<\/?o:p[^>]*>/gi, '')
    .replace(/<span[^>]*mso-list:\s*Ignore[^>]*>(?:[^<]|<(?!\/span>)[^>]*>)*<\/span>/gi, '')
    .replace(/<\/?(?:v|w|m|st1):[^>]*>/gi, '');
}
