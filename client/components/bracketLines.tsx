import type { BracketJson, ResolveBracketRequest } from '../../shared/api/brackets.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import { ActionButton, ActionError } from './actionHooks.js';
import { negotiationError } from './negotiationKit.js';
import { DelegationTag } from './negotiationParts.js';

/**
 * Brackets as readers see them, UN style: the bracketed words between square brackets, or the alternatives
 * offered for the place, "[Alt A 🇰🇿 KAZ: …] [Alt B: …]", each with its sponsoring delegations; and for the
 * secretariat the ways to resolve one (remove the brackets, delete the words, choose an alternative).
 */

/** A string of the `brackets` namespace. */
export function bt(key: string, options?: Record<string, unknown>): string {
  return t(`brackets:${key}`, options as never) as unknown as string;
}

/** The message for an error: the brackets' own words for an id first, then the negotiation's and the common ones. */
export function bracketError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  const own = id ? (t(`brackets:errors.${id}`, { defaultValue: '' }) as unknown as string) : '';
  return own || negotiationError(error);
}

/** The path of the document's list of open brackets. */
export function bracketsHref(documentId: string, clauseId?: string): string {
  return `/documents/${encodeURIComponent(documentId)}/brackets${clauseId ? `#clause-${clauseId}` : ''}`;
}

/** The bracket's words in UN style (square brackets drawn as text, so they read and copy as brackets). */
export function BracketWords({ bracket: b }: { bracket: BracketJson }) {
  const words = b.currentQuote || b.quote;
  if (!b.alternatives.length) return <span class="bracket-words">{`[${words}]`}</span>;
  return (
    <span class="bracket-words alternatives">
      {b.alternatives.map((a, i) => (
        <span key={a.label} class="alternative" data-label={a.label}>
          {i > 0 ? ' ' : ''}[<b class="alternative-label">{`Alt ${a.label}`}</b>
          {a.sponsors.map((code) => (
            <>
              {' '}
              <DelegationTag code={code} />
            </>
          ))}
          {': '}
          <span class="alternative-text">{a.text}</span>]
        </span>
      ))}
    </span>
  );
}

export interface BracketControls {
  documentId: string;
  actions: Actions;
  /** The secretariat may resolve brackets in this clause now (`bracket.resolve`). */
  canResolve: boolean;
  /** The reader may set the alternatives (`bracket.create`): "Alternatives…" opens the form for it. */
  onEdit?: ((bracket: BracketJson) => void) | undefined;
  /** Told of the bracket as the server answered a resolution. */
  resolved?: ((bracket: BracketJson) => void) | undefined;
}

/** The ways to resolve an open bracket, each one recorded action. */
function ResolveButtons({ bracket: b, o }: { bracket: BracketJson; o: BracketControls }) {
  const name = `bracket:${b.id}`;
  const resolve = (body: ResolveBracketRequest): void =>
    void o.actions.run(name, async (send) =>
      o.resolved?.(await send.call(ROUTES.resolveBracket, { params: { id: b.id }, body })),
    );
  const gone = b.range === null;
  const button = (label: string, body: ResolveBracketRequest, more: Record<string, string> = {}) => (
    <ActionButton
      key={`${body.resolution}${more['data-label'] ?? ''}`}
      actions={o.actions}
      name={name}
      class="link resolve"
      data-resolution={body.resolution}
      {...more}
      onClick={() => resolve(body)}
    >
      {label}
    </ActionButton>
  );
  return (
    <>
      {o.canResolve && !gone
        ? b.alternatives.map((a) =>
            button(
              bt('resolve.choose', { label: a.label }),
              { resolution: 'choose', label: a.label },
              { 'data-label': a.label, 'aria-label': bt('resolve.chooseLabel', { label: a.label, text: a.text }) },
            ),
          )
        : null}
      {o.canResolve && !gone ? button(bt('resolve.delete'), { resolution: 'delete' }) : null}
      {o.canResolve ? button(bt('resolve.remove'), { resolution: 'remove' }) : null}
      {o.onEdit ? (
        <button type="button" class="link edit" onClick={() => o.onEdit!(b)}>
          {bt('resolve.edit')}
        </button>
      ) : null}
    </>
  );
}

/** A bracket's contents: its words UN style, a note when its words are gone, and the controls the reader has. */
export function BracketBody({ bracket: b, controls: o }: { bracket: BracketJson; controls: BracketControls }) {
  const open = b.status === 'open';
  const controls = open && (o.canResolve || o.onEdit);
  return (
    <>
      <BracketWords bracket={b} />
      {open && b.range === null ? <p class="hint">{bt('line.gone')}</p> : null}
      {controls ? (
        <span class="bracket-actions">
          <ResolveButtons bracket={b} o={o} />
        </span>
      ) : null}
      <ActionError actions={o.actions} names={`bracket:${b.id}`} format={bracketError} />
    </>
  );
}

/** One bracket as an item of a list. */
export function BracketItem({ bracket: b, controls }: { bracket: BracketJson; controls: BracketControls }) {
  return (
    <li class="bracket" id={`bracket-${b.id}`} data-bracket-id={b.id} data-status={b.status}>
      <BracketBody bracket={b} controls={controls} />
    </li>
  );
}

/** Beside a clause, its count of open brackets, linking to the document's list. */
export function BracketLink({ documentId, clauseId, count }: { documentId: string; clauseId: string; count: number }) {
  if (!count) return null;
  return (
    <a class="badge bracket-link" href={bracketsHref(documentId, clauseId)}>
      {bt('clauseLink', { count })}
    </a>
  );
}

/** Under a clause's text, its open brackets UN style with the reader's controls. */
export function ClauseBrackets({
  clauseRef,
  brackets,
  controls,
}: {
  clauseRef: string;
  brackets: readonly BracketJson[];
  controls: BracketControls;
}) {
  if (!brackets.length) return null;
  const label = brackets.some((b) => b.alternatives.length) ? 'line.alternatives' : 'line.label';
  return (
    <div class="clause-brackets">
      <ul aria-label={bt(label, { ref: refLabel(clauseRef) })}>
        {brackets.map((b) => (
          <BracketItem key={b.id} bracket={b} controls={controls} />
        ))}
      </ul>
    </div>
  );
}
