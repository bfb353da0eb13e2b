import { isOn, walkXml } from './xmlWalk.js';

/** A paragraph or character style from `styles.xml`, as much of it as the import reads. */
export interface WordStyle {
  id: string;
  /** The style's name, lower-cased: "heading 1", "title", "preambular paragraph". */
  name: string;
  basedOn?: string;
  /** Numbering the style itself carries (a list style linked to a heading or a paragraph style). */
  numId?: string;
  ilvl?: number;
  /** Outline level 0–8 when the style marks a heading for Word's navigation pane. */
  outline?: number;
  italic?: boolean;
  bold?: boolean;
}

/** One level of a Word list: its number format ("decimal", "lowerLetter", "lowerRoman", "bullet"…) and text ("%1."). */
export interface ListLevel {
  format: string;
  text: string;
}

/** A Word list as a paragraph refers to it (`w:numId`): its levels by `w:ilvl`. */
export type WordList = Map<number, ListLevel>;

/** Reads `styles.xml`: every style by id. */
export function readStyles(xml: string | null): Map<string, WordStyle> {
  const styles = new Map<string, WordStyle>();
  if (!xml) return styles;
  let style: WordStyle | null = null;
  let inRunProps = false;
  walkXml(xml, {
    open(el) {
      if (el.name === 'style') {
        style = { id: el.attr('styleId') ?? '', name: '' };
        return;
      }
      if (!style) return;
      if (el.name === 'name') style.name = (el.attr('val') ?? '').toLowerCase();
      else if (el.name === 'basedOn') style.basedOn = el.attr('val');
      else if (el.name === 'numId') style.numId = el.attr('val');
      else if (el.name === 'ilvl') style.ilvl = Number(el.attr('val') ?? 0);
      else if (el.name === 'outlineLvl') style.outline = Number(el.attr('val') ?? 0);
      else if (el.name === 'rPr') inRunProps = true;
      else if (inRunProps && el.name === 'i') style.italic = isOn(el);
      else if (inRunProps && el.name === 'b') style.bold = isOn(el);
    },
    close(name) {
      if (name === 'rPr') inRunProps = false;
      if (name === 'style' && style) {
        styles.set(style.id, style);
        style = null;
      }
    },
  });
  return styles;
}

/**
 * The chain of a style and the styles it is based on, nearest first, at most ten deep (a loop in a damaged
 * file ends there).
 */
export function styleChain(styles: Map<string, WordStyle>, id: string | undefined): WordStyle[] {
  const chain: WordStyle[] = [];
  for (let next = id; next && chain.length < 10;) {
    const style = styles.get(next);
    if (!style || chain.includes(style)) break;
    chain.push(style);
    next = style.basedOn;
  }
  return chain;
}

/** Reads `numbering.xml`: every list instance (`w:num`) with the levels of its abstract list and its overrides. */
export function readNumbering(xml: string | null): Map<string, WordList> {
  const lists = new Map<string, WordList>();
  if (!xml) return lists;
  const abstracts = new Map<string, WordList>();
  const instances = new Map<string, { abstractId: string; overrides: WordList }>();
  let levels: WordList | null = null;
  let level: { ilvl: number; format: string; text: string } | null = null;
  let instance: { id: string; abstractId: string; overrides: WordList } | null = null;
  walkXml(xml, {
    open(el) {
      if (el.name === 'abstractNum') {
        levels = new Map();
        abstracts.set(el.attr('abstractNumId') ?? '', levels);
      } else if (el.name === 'num') {
        instance = { id: el.attr('numId') ?? '', abstractId: '', overrides: new Map() };
      } else if (el.name === 'abstractNumId' && instance) {
        instance.abstractId = el.attr('val') ?? '';
      } else if (el.name === 'lvl') {
        level = { ilvl: Number(el.attr('ilvl') ?? 0), format: 'decimal', text: '' };
      } else if (level && el.name === 'numFmt') {
        level.format = el.attr('val') ?? 'decimal';
      } else if (level && el.name === 'lvlText') {
        level.text = el.attr('val') ?? '';
      }
    },
    close(name) {
      if (name === 'lvl' && level) {
        const target = instance ? instance.overrides : levels;
        target?.set(level.ilvl, { format: level.format, text: level.text });
        level = null;
      } else if (name === 'abstractNum') {
        levels = null;
      } else if (name === 'num' && instance) {
        instances.set(instance.id, instance);
        instance = null;
      }
    },
  });
  for (const [id, { abstractId, overrides }] of instances) {
    lists.set(id, new Map([...(abstracts.get(abstractId) ?? new Map<number, ListLevel>()), ...overrides]));
  }
  return lists;
}
