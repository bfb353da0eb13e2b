import type { AlternativeInput, BracketChanged, BracketJson } from '../../shared/api/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from './http.js';
import { eventsWhileReading } from './liveLists.js';

/**
 * The list with `bracket` as it now stands: replaced where it was (or added at the end), and left out once
 * resolved when the list holds only open ones.
 */
export function withBracket(list: readonly BracketJson[], bracket: BracketJson, openOnly = true): BracketJson[] {
  const rest = list.filter((b) => b.id !== bracket.id);
  if (openOnly && bracket.status !== 'open') return rest;
  const at = list.findIndex((b) => b.id === bracket.id);
  if (at < 0) return [...rest, bracket];
  return [...rest.slice(0, at), bracket, ...rest.slice(at)];
}

/** One alternative as its form holds it: its words and the sponsors as typed. */
export interface AlternativeRow {
  text: string;
  sponsors: string;
}

/** Sponsors as typed ("kaz, FRA deu") → codes, or null when one is not a three-letter code. */
export function parseSponsors(typed: string): string[] | null {
  const codes = typed
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  return codes.every((c) => /^[A-Z]{3}$/.test(c)) ? [...new Set(codes)] : null;
}

/** The rows as the request's alternatives, or the key of what is wrong with them. */
export function alternativesOf(rows: readonly AlternativeRow[]): AlternativeInput[] | string {
  const filled = rows.filter((r) => r.text.trim());
  if (filled.length < 2) return 'form.needTwo';
  const out: AlternativeInput[] = [];
  for (const r of filled) {
    const sponsors = parseSponsors(r.sponsors);
    if (!sponsors) return 'form.invalidSponsors';
    out.push({ text: r.text.trim(), ...(sponsors.length ? { sponsors } : {}) });
  }
  return out;
}

/**
 * A document's open brackets as a page holds them: read from the server, then kept by `bracket:changed`,
 * which brings each bracket whole; events that arrive while the list travels are applied to it again.
 */
export class BracketList {
  brackets: BracketJson[] = [];
  private readonly events = eventsWhileReading<BracketJson>();

  constructor(private readonly documentId: string) {}

  async load(): Promise<void> {
    const res = await this.events.read(
      () => call(ROUTES.brackets, { params: { id: this.documentId } }),
      (read, bracket) => ({ brackets: withBracket(read.brackets, bracket) }),
    );
    this.brackets = res.brackets;
  }

  changed(e: BracketChanged): void {
    this.apply(e.bracket);
  }

  /** A bracket as the server answered or announced it. */
  apply(bracket: BracketJson): void {
    this.brackets = withBracket(this.brackets, bracket);
    this.events.record(bracket);
  }

  /** The clause's open brackets, in the order of their words. */
  of(clauseId: string): BracketJson[] {
    return this.brackets.filter((b) => b.clauseId === clauseId);
  }
}
