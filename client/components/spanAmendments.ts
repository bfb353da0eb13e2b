import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import { h } from '../dom.js';
import { highlight } from './anchors.js';
import { delegationTag, nt } from './negotiationKit.js';

/**
 * Amendments on a span on the document page: the tracked changes the pending ones show in their clause (the
 * words struck in the text, and beneath it the proposal: struck and underlined, with the proposing
 * delegation). The form that proposes one from selected words is spanForm.tsx, in the clause panel.
 */

/** An amendment on a span as a tracked change: its words struck, the proposed ones underlined. */
export function spanChange(a: AmendmentJson): HTMLElement {
  const quote = a.span?.quote ?? '';
  const words = a.kind === 'delete' ? '' : (a.textPlain ?? '');
  return h(
    'span',
    { class: 'word-diff tracked-change' },
    quote ? h('del', null, h('span', { class: 'visually-hidden' }, `${nt('diff.deleted')} `), quote) : null,
    words ? h('ins', null, h('span', { class: 'visually-hidden' }, `${nt('diff.inserted')} `), words) : null,
  );
}

/** The pending amendments on a span of a clause whose words are still as proposed. */
function liveSpans(amendments: readonly AmendmentJson[], clauseId: string): AmendmentJson[] {
  return amendments.filter((a) => a.clauseId === clauseId && a.span?.range && isPending(a.status) && !a.stale);
}

/**
 * Shows each clause's pending amendments on a span as tracked changes: the words struck in the text (the CSS
 * Custom Highlight API leaves the text, and its editor, alone) and, beneath it (the clause's last child),
 * each proposal with its delegation.
 */
export function showTrackedChanges(
  clauses: Map<string, { root: HTMLElement; body: HTMLElement }>,
  amendments: readonly AmendmentJson[],
): void {
  const struck: { body: Element; range: [number, number] }[] = [];
  for (const [clauseId, slots] of clauses) {
    slots.root.querySelector(':scope > .tracked-changes')?.remove();
    const spans = liveSpans(amendments, clauseId);
    if (!spans.length) continue;
    for (const a of spans) if (a.span!.quote) struck.push({ body: slots.body, range: a.span!.range! });
    slots.root.append(
      h(
        'ul',
        { class: 'tracked-changes', 'aria-label': nt('amendments.span.tracked') },
        spans.map((a) =>
          h(
            'li',
            { 'data-amendment-id': a.id },
            delegationTag(a.delegation),
            ' ',
            h('span', { class: 'label' }, nt(`amendments.span.kindOf.${a.span!.action}`)),
            ' ',
            spanChange(a),
          ),
        ),
      ),
    );
  }
  highlight('accord-amendment-spans', struck);
}
