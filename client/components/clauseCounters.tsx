import { useState } from 'preact/hooks';
import { clauseCounts } from '../api/negotiationReducers.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import type { ClausePartProps } from '../views/documentExtensions.js';
import { BracketLink } from './bracketLines.js';
import type { Tab } from './clausePanelState.js';
import { loadPanelCode } from './clausePanelCode.js';
import { nt } from './negotiationKit.js';
import { useNegotiation } from './negotiationPage.js';

/**
 * Beside each clause's text: its two counters, the buttons that open its panel (its threads with the unread,
 * its amendments awaiting a decision), and the count of its open brackets. Drawn without the panel's code.
 */

const ICONS = {
  // A speech bubble, and a pen: drawn, so they show without an emoji font.
  comment: 'M2 3h12v8H7l-3 3v-3H2z',
  amend: 'M11 2l3 3-8 8H3v-3zM9.5 3.5l3 3',
};

const Icon = ({ name }: { name: keyof typeof ICONS }) => (
  <svg viewBox="0 0 16 16" class="icon">
    <path d={ICONS[name]} />
  </svg>
);

/** A pointer over the counters or the focus on them: the panel's code starts loading before it is opened. */
const prefetch = (): void => void loadPanelCode().catch(() => {});

export function ClauseCounters({ clause }: ClausePartProps) {
  const n = useNegotiation();
  // One Tab stop per clause: the arrow keys move between its two counters (a roving tabindex).
  const [stop, setStop] = useState<Tab>('comments');
  const [fetched, setFetched] = useState(false);
  const bracketCount = n.brackets.filter((b) => b.clauseId === clause.id && b.status === 'open').length;
  const link = <BracketLink documentId={n.page.documentId} clauseId={clause.id} count={bracketCount} />;
  if (clause.kind === 'heading') return link;
  const counts = clauseCounts(n.data, clause.id);
  const fresh = counts.unread;
  const ref = refLabel(clause.ref);
  const pressed = (tab: Tab): boolean => n.view.clauseId === clause.id && n.view.tab === tab;
  const rove = (event: KeyboardEvent): void => {
    if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(event.key)) return;
    event.preventDefault();
    const here = event.currentTarget as HTMLElement;
    const next: Tab = here.classList.contains('comments') ? 'amendments' : 'comments';
    setStop(next);
    here.parentElement?.querySelector<HTMLElement>(`.counter-button.${next}`)?.focus();
  };
  const fetch = (): void => {
    setFetched(true);
    prefetch();
  };
  const early = fetched ? {} : { onPointerOver: fetch, onFocusIn: fetch };
  return (
    <>
      <div class="clause-counters no-print" {...early}>
        <button
          type="button"
          class={`counter-button comments${fresh ? ' unread' : ''}`}
          aria-pressed={pressed('comments')}
          tabIndex={stop === 'comments' ? 0 : -1}
          onClick={() => n.open(clause.id, 'comments')}
          onKeyDown={rove}
        >
          {/* Its name holds what it shows ("3 +1"), so a voice command naming what is seen finds it. */}
          <span class="visually-hidden">{`${t('negotiation:panel.commentsOn', { ref })} `}</span>
          <Icon name="comment" />
          {String(counts.threads)}
          {fresh ? <span class="unread-dot">{` +${fresh}`}</span> : null}
          {fresh ? <span class="visually-hidden">{` ${nt('panel.unreadSuffix')}`}</span> : null}
        </button>
        <button
          type="button"
          class={`counter-button amendments${counts.pending ? ' has-pending' : ''}`}
          aria-label={t('negotiation:panel.amendmentsButton', { ref, count: counts.pending })}
          aria-pressed={pressed('amendments')}
          tabIndex={stop === 'amendments' ? 0 : -1}
          onClick={() => n.open(clause.id, 'amendments')}
          onKeyDown={rove}
        >
          <span aria-hidden="true">
            <Icon name="amend" />
            {String(counts.pending)}
          </span>
        </button>
      </div>
      {link}
    </>
  );
}
