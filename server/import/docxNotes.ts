import { walkXml } from './xmlWalk.js';

/** A Word comment: who wrote it and its text. */
export interface WordComment {
  author: string;
  text: string;
}

/** Reads `comments.xml`: every comment by id. */
export function readComments(xml: string | null): Map<string, WordComment> {
  const comments = new Map<string, WordComment>();
  if (!xml) return comments;
  let current: (WordComment & { id: string }) | null = null;
  let inText = false;
  walkXml(xml, {
    open(el) {
      if (el.name === 'comment') current = { id: el.attr('id') ?? '', author: el.attr('author') ?? '', text: '' };
      else if (el.name === 't') inText = true;
      else if (el.name === 'p' && current?.text) current.text += ' ';
    },
    close(name) {
      if (name === 't') inText = false;
      if (name === 'comment' && current) {
        comments.set(current.id, { author: current.author, text: current.text.trim() });
        current = null;
      }
    },
    text(text) {
      if (current && inText) current.text += text;
    },
  });
  return comments;
}

const DC = 'http://purl.org/dc/elements/1.1/|title';
const KEYWORDS = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties|keywords';

/** The title and keywords of `docProps/core.xml` (Dublin Core title; Accord writes its checksums as keywords). */
export function readCore(xml: string | null): { title: string; keywords: string } {
  const out = { title: '', keywords: '' };
  if (!xml) return out;
  let field: 'title' | 'keywords' | null = null;
  walkXml(xml, {
    open(el) {
      field = el.name === DC ? 'title' : el.name === KEYWORDS ? 'keywords' : null;
    },
    close() {
      field = null;
    },
    text(text) {
      if (field) out[field] += text;
    },
  });
  return { title: out.title.trim(), keywords: out.keywords.trim() };
}
