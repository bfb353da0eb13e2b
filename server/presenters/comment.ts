import * as Y from 'yjs';
import type { CommentAnchor, CommentAnchorJson, CommentJson } from '../../shared/api/comments.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { CommentWithAuthor } from '../db/repositories/comments.js';

/**
 * The plain text of a clause fragment with, for every Yjs type inside it, where it starts in that text: an
 * XmlText's characters, and an element's child boundaries. Paragraphs are separated by one newline.
 */
export class ClauseTextMap {
  text = '';
  /** Each XmlText with where it starts in `text`, in text order. */
  private readonly texts_: [Y.XmlText, number][] = [];
  private readonly textStarts = new Map<Y.AbstractType<any>, number>();
  private readonly boundaries = new Map<Y.AbstractType<any>, number[]>();
  private texts = 0;

  constructor(readonly fragment: Y.XmlFragment) {
    this.walk(fragment);
  }

  private walk(type: Y.XmlFragment | Y.XmlElement): void {
    const marks: number[] = [];
    type.toArray().forEach((child) => {
      marks.push(this.text.length);
      if (child instanceof Y.XmlText) {
        if (this.texts++ > 0) this.text += '\n';
        this.textStarts.set(child, this.text.length);
        this.texts_.push([child, this.text.length]);
        this.text += child
          .toDelta()
          .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
          .join('');
      } else if (child instanceof Y.XmlElement) {
        this.walk(child);
      }
    });
    marks.push(this.text.length);
    this.boundaries.set(type, marks);
  }

  /** A relative position at `offset` in `text` (clamped to it), or null when the clause holds no text. */
  relativeAt(offset: number): Y.RelativePosition | null {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const found = [...this.texts_].reverse().find(([, start]) => start <= at) ?? this.texts_[0];
    if (!found) return null;
    const [type, start] = found;
    return Y.createRelativePositionFromTypeIndex(type, Math.min(Math.max(at - start, 0), type.length));
  }

  /** Offset in `text` of an absolute position inside the fragment, or null when it is elsewhere. */
  offsetOf(pos: Y.AbsolutePosition): number | null {
    const start = this.textStarts.get(pos.type);
    if (start !== undefined) return start + pos.index;
    const marks = this.boundaries.get(pos.type);
    return marks ? (marks[Math.min(pos.index, marks.length - 1)] ?? null) : null;
  }
}

function decode(position: string): Y.RelativePosition {
  return Y.decodeRelativePosition(new Uint8Array(Buffer.from(position, 'base64')));
}

/** Offsets of an anchor's ends in the clause's current text; null when either end no longer resolves there. */
export function anchorRange(
  doc: Y.Doc,
  map: ClauseTextMap,
  anchor: Pick<CommentAnchor, 'start' | 'end'>,
): [number, number] | null {
  const ends: number[] = [];
  for (const encoded of [anchor.start, anchor.end]) {
    const abs = Y.createAbsolutePositionFromRelativePosition(decode(encoded), doc);
    const offset = abs ? map.offsetOf(abs) : null;
    if (offset === null) return null;
    ends.push(offset);
  }
  return [ends[0]!, ends[1]!];
}

/**
 * True when both ends of the anchor decode and point inside this clause's text today (checked when a comment
 * is written; a malformed position throws inside Yjs and counts as invalid).
 */
export function isValidAnchor(doc: Y.Doc, clauseId: string, anchor: CommentAnchor): boolean {
  try {
    const range = anchorRange(doc, new ClauseTextMap(getClauseFragment(doc, clauseId)), anchor);
    return range !== null && range[0] <= range[1];
  } catch {
    return false;
  }
}

/**
 * Presents a document's comments, resolving each anchor against the live text: the range follows its words
 * through edits, and reads `deleted` once none of them is left.
 */
export class CommentPresenter {
  private readonly maps = new Map<string, ClauseTextMap>();

  constructor(
    private readonly doc: Y.Doc,
    /** The account of an id (who resolved a thread), looked up in storage. */
    private readonly personOf: PersonLookup,
  ) {}

  private map(clauseId: string): ClauseTextMap {
    let map = this.maps.get(clauseId);
    if (!map) {
      map = new ClauseTextMap(getClauseFragment(this.doc, clauseId));
      this.maps.set(clauseId, map);
    }
    return map;
  }

  anchor(clauseId: string, stored: string | null): CommentAnchorJson | null {
    if (!stored) return null;
    const anchor = JSON.parse(stored) as CommentAnchor;
    let range: [number, number] | null = null;
    try {
      range = anchorRange(this.doc, this.map(clauseId), anchor);
    } catch {
      range = null;
    }
    if (!range || range[1] <= range[0]) return { ...anchor, status: 'deleted', currentQuote: '', range: null };
    return { ...anchor, status: 'live', currentQuote: this.map(clauseId).text.slice(range[0], range[1]), range };
  }

  private async resolver(userId: string | null): Promise<Pick<CommentJson, 'resolvedBy' | 'resolvedByName'>> {
    const person = userId ? await this.personOf(userId) : null;
    return { resolvedBy: person?.username ?? null, resolvedByName: person?.displayName ?? null };
  }

  /** One comment, its anchor resolved against today's text. */
  async present(row: CommentWithAuthor): Promise<CommentJson> {
    return {
      id: row.id,
      clauseId: row.clause_id,
      parentId: row.parent_id,
      author: {
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        delegation: row.author_delegation,
      },
      body: row.body,
      mentions: JSON.parse(row.mentions) as string[],
      anchor: this.anchor(row.clause_id, row.anchor),
      status: row.status,
      ...(await this.resolver(row.resolved_by)),
      resolvedAt: row.resolved_at,
      createdAt: row.created_at,
    };
  }
}

/** An account by id, as people are named to others: username and display name; null when it is gone. */
export type PersonLookup = (userId: string) => Promise<{ username: string; displayName: string } | null>;

/** Looks accounts up in storage, each once per lookup (a list of comments names few people, many times). */
export function personLookup(ctx: AppContext): PersonLookup {
  const seen = new Map<string, Promise<{ username: string; displayName: string } | null>>();
  return (id) => {
    let person = seen.get(id);
    if (!person) {
      person = ctx.store.users
        .byId(id)
        .then((user) => (user ? { username: user.username, displayName: user.display_name } : null));
      seen.set(id, person);
    }
    return person;
  };
}

/** One comment as everyone reading the document sees it (what the comment events carry). */
export async function presentComment(ctx: AppContext, commentId: string): Promise<CommentJson> {
  const row = (await ctx.store.comments.withAuthor(commentId))!;
  return new CommentPresenter((await ctx.registry.get(row.document_id))!, personLookup(ctx)).present(row);
}
