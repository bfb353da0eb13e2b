import type { ComponentChildren, ComponentType } from 'preact';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ReadingChoice } from '../api/languageChoice.js';

/**
 * How features join the document page (DocumentView.tsx), in two ways. A feature drawn with Preact gives
 * components for named places (`DocumentParts`): they receive the page as it stands and are drawn again when
 * it changes, so no feature reaches into another's elements. A feature that draws its own elements (the
 * editor, the negotiation panels) receives, for each drawing of the page, elements to fill (`DocumentPage`).
 */

/** The page as a feature's components see it: drawn again with every change (a clause's status, a new read). */
export interface DocumentPageProps {
  documentId: string;
  /** The text shown, with every status change applied. */
  data: DocumentJson;
  user: SessionUser;
  /** The text the reader chose (the original, a version alone or beside it). */
  choice: ReadingChoice;
  /** Brings a clause of the page into view (the page knows where its clauses are). */
  scrollToClause(clauseId: string, options?: { smooth?: boolean }): void;
  /**
   * A clause's text element as drawn now (the read-only text, or the editor mounted in it), or null: where a
   * feature marks words (the CSS Custom Highlight API) and finds the reader's selection. Changes with each read.
   */
  clauseBody(clauseId: string): HTMLElement | null;
  /** Reads the document again and draws the page afresh; settles once it is drawn (or the read failed). */
  refresh(): Promise<void>;
  /** Whether live editors hold the clause bodies now (the same object as `DocumentPage.editing`). */
  editing: { readonly live: boolean };
  /** Marks the page with a feature's state, as `data-<name>` on the page's element (styles and tests read it). */
  mark(name: string, value: string): void;
}

/** What a component beside one clause receives. */
export interface ClausePartProps {
  page: DocumentPageProps;
  clause: ClauseJson;
}

/** A feature's components, each for a named place of the page; every one is optional. */
export interface DocumentParts {
  /**
   * Wraps the whole page for its life (across its re-reads): where a feature keeps the state its other parts
   * share, as a context provider (the open votes, the clause under discussion).
   */
  Provider?: ComponentType<{ page: DocumentPageProps; children: ComponentChildren }>;
  /** In the header: the links and buttons of what this person may do with the document. */
  actions?: ComponentType<{ page: DocumentPageProps }>;
  /** In the header, before the tools: who is here. */
  presence?: ComponentType<{ page: DocumentPageProps }>;
  /** Under the header's bar: summaries and banners. */
  toolbar?: ComponentType<{ page: DocumentPageProps }>;
  /** Beside the text. */
  sidebar?: ComponentType<{ page: DocumentPageProps }>;
  /** Beside each clause's text, before its status. */
  clauseAside?: ComponentType<ClausePartProps>;
  /**
   * Under each clause's text, as the clause's last children: its notes (a counter near the limit, a text handed
   * back, tracked changes, open brackets).
   */
  clauseFoot?: ComponentType<ClausePartProps>;
  /**
   * A hook run for each clause, giving classes for the clause's element (`now-discussing`), or null. Features
   * register before any page is drawn, so every clause calls the same hooks in the same order.
   */
  useClauseClass?: (props: ClausePartProps) => string | null;
}

/** One clause's elements, for the editor that mounts in its text. */
export interface ClauseSlots {
  /** The clause as read; its `status` follows status changes in place (the same object as in `data.clauses`). */
  clause: ClauseJson;
  root: HTMLElement;
  /** The clause's text (its static rendering is drawn first; an editor may replace its content). */
  body: HTMLElement;
}

/**
 * What an element-drawing feature receives each time the document page is drawn afresh (each read): the
 * editor, which mounts ProseMirror in each clause's text element. Everything visible besides is parts.
 */
export interface DocumentPage {
  documentId: string;
  data: DocumentJson;
  user: SessionUser;
  clauses: Map<string, ClauseSlots>;
  /** Reads the document again and draws the page afresh; settles once it is drawn (or the read failed). */
  refresh(): Promise<void>;
  /**
   * Calls `fn` with a clause's id once its status has changed in place: `slots.clause.status` (the same object
   * as in `data.clauses`), its badge and label are updated, and the page is not rebuilt for it.
   */
  onClauseStatus(fn: (clauseId: string) => void): void;
  /**
   * Whether live editors hold the clause bodies (the editing feature says so): a change to the text, such as
   * an accepted amendment, then reaches the page like any edit, and nothing needs to read the page again.
   */
  editing: { live: boolean };
  /** Marks the page with a feature's state, as `data-<name>` on the page's element (styles and tests read it). */
  mark(name: string, value: string): void;
}

/** An element-drawing feature's addition to the document page; returns its cleanup. */
export type DocumentExtension = (page: DocumentPage) => (() => void) | void;

/**
 * What a feature starts the moment a document page has found its document, before the page is drawn and the
 * extensions run (the editing feature connects the live copy, so the Yjs sync runs beside that work instead
 * of after it); returns its release.
 */
export type DocumentOpening = (documentId: string, choice: ReadingChoice) => () => void;

/** The features' extensions, in the order they registered (features.ts imports them in order). */
export const documentExtensions: { parts: DocumentParts[]; drawers: DocumentExtension[]; openings: DocumentOpening[] } =
  { parts: [], drawers: [], openings: [] };

/** Features start their part of opening a document page through this (see `DocumentOpening`). */
export function onDocumentOpening(opening: DocumentOpening): void {
  documentExtensions.openings.push(opening);
}

/**
 * Features (editing, comments, amendments, votes) join the document page through this: with components for
 * named places (`DocumentParts`), or with a function that fills the page's elements (`DocumentExtension`).
 */
export function extendDocumentView(extension: DocumentParts | DocumentExtension): void {
  if (typeof extension === 'function') documentExtensions.drawers.push(extension);
  else documentExtensions.parts.push(extension);
}
