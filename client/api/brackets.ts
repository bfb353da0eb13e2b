import type { BracketChanged, BracketJson } from '../../shared/api/brackets.js';
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

/** How many open brackets each clause has. */
export function openPerClause(list: readonly BracketJson[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const b of list) if (b.status === 'open') counts.set(b.clauseId, (counts.get(b.clauseId) ?? 0) + 1);
  return counts;
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
