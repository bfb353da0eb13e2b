/**
 * A tiny builder for XML and HTML markup. Text and attribute values are always escaped by the builder, so a
 * clause containing `<img onerror=…>` or `&` can only ever become character data; markup exists only as
 * `Markup` values made by `el` (or, for fixed strings written in this codebase, `trusted`).
 */

/** Serialised, well-formed markup. The brand keeps plain strings from being mistaken for it. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A child of an element: markup, text to escape, or nothing (null/undefined/false are skipped). */
export type Child = Markup | string | number | null | undefined | false | readonly Child[];

export type Attributes = Record<string, string | number | boolean | null | undefined>;

// Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF). They
// cannot be escaped, only dropped; no clause text legitimately contains them.
/* eslint-disable no-control-regex -- matching control characters is the purpose of this pattern */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/** Removes the characters XML cannot represent, for libraries that escape but do not filter (docx). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escapes character data. `>` is escaped too, so `]]>` can never appear. */
export function escapeText(text: string): string {
  return xmlSafe(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value for double quotes; tab and newlines become references so they survive. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/["\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const NAME = /^[A-Za-z_][\w.:-]*$/;

/** HTML elements that have no end tag. */
const VOID_HTML = new Set(['meta', 'link', 'br', 'hr', 'img', 'col', 'wbr']);

/**
 * An element. Attributes with null/undefined/false values are omitted, `true` writes the name as its value.
 * An empty element is written `<x/>`, except HTML void elements, written `<meta …>`.
 */
export function el(name: string, attributes: Attributes | null, ...children: Child[]): Markup {
  if (!NAME.test(name)) throw new RangeError(`Invalid element name: ${name}`);
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (!NAME.test(key)) throw new RangeError(`Invalid attribute name: ${key}`);
    open += ` ${key}="${escapeAttribute(value === true ? key : String(value))}"`;
  }
  const content = serialise(children);
  if (VOID_HTML.has(name) && content === '') return new Markup(`${open}>`);
  if (content === '') return new Markup(`${open}/>`);
  return new Markup(`${open}>${content}</${name}>`);
}

/** Like `el`, but an empty element is written `<x></x>` (HTML elements that are not void). */
export function htmlEl(name: string, attributes: Attributes | null, ...children: Child[]): Markup {
  const markup = el(name, attributes, ...children);
  return markup.value.endsWith('/>') ? new Markup(`${markup.value.slice(0, -2)}></${name}>`) : markup;
}

/** Concatenates children into one markup value. */
export function fragment(...children: Child[]): Markup {
  return new Markup(serialise(children));
}

/** Marks a fixed string written in this codebase (a doctype, a stylesheet) as markup. Never pass data. */
export function trusted(markup: string): Markup {
  return new Markup(markup);
}

function serialise(children: readonly Child[]): string {
  let out = '';
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Markup) out += child.value;
    else if (Array.isArray(child)) out += serialise(child);
    else out += escapeText(String(child));
  }
  return out;
}
