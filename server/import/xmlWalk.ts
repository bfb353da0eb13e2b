import { SaxesParser, type SaxesTagNS } from 'saxes';

/** WordprocessingML's namespace, transitional and strict: Word writes the first, "Strict Open XML" the second. */
const WORD_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

/** An element as the readers see it: its WordprocessingML local name (`p`, `r`, `t`…), or `uri|local` for others. */
export interface XmlElement {
  name: string;
  /** A WordprocessingML attribute's value by local name (`val`, `id`…). */
  attr(local: string): string | undefined;
}

export interface XmlHandlers {
  open?(element: XmlElement): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Walks an OOXML part with a streaming parser (saxes): no tree is built, so a large part costs time in
 * proportion to its size and little memory. Names are resolved by namespace, not by prefix, since nothing
 * obliges a writer to call WordprocessingML `w:`. Throws on XML that is not well-formed.
 */
export function walkXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true });
  const nameOf = (tag: { local: string; uri: string }): string =>
    WORD_NAMESPACES.has(tag.uri) ? tag.local : `${tag.uri}|${tag.local}`;
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (!handlers.open) return;
    const attributes = Object.values(tag.attributes);
    handlers.open({
      name: nameOf(tag),
      attr: (local) => attributes.find((a) => a.local === local && WORD_NAMESPACES.has(a.uri))?.value,
    });
  });
  parser.on('closetag', (tag) => handlers.close?.(nameOf(tag as SaxesTagNS)));
  parser.on('text', (text) => handlers.text?.(text));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

/** Whether an on/off property (`<w:b/>`, `<w:i w:val="0"/>`) is on: absent value means on. */
export function isOn(element: XmlElement): boolean {
  const value = element.attr('val');
  return value === undefined || !['0', 'false', 'off', 'none'].includes(value);
}
