import type { AmendmentJson } from '../../shared/api/amendments.js';
import { nt } from './negotiationKit.js';
import { DelegationTag, SpanChange } from './negotiationParts.js';

/**
 * Amendments on a span on the document page: beneath the clause's text (its words struck there by
 * negotiationMarks.ts), each pending proposal on a span as a tracked change with its delegation. The form
 * that proposes one from selected words is spanForm.tsx, in the clause panel.
 */
export function TrackedChanges({ spans }: { spans: readonly AmendmentJson[] }) {
  if (!spans.length) return null;
  return (
    <ul class="tracked-changes" aria-label={nt('amendments.span.tracked')}>
      {spans.map((a) => (
        <li key={a.id} data-amendment-id={a.id}>
          <DelegationTag code={a.delegation} />{' '}
          <span class="label">{nt(`amendments.span.kindOf.${a.span!.action}`)}</span> <SpanChange amendment={a} />
        </li>
      ))}
    </ul>
  );
}
