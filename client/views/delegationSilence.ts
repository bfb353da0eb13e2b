import { SILENCE_STATEMENT_MAX } from '../../shared/domain/silence.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Actions } from '../api/actions.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { SilenceFeed } from '../components/silenceFeed.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { currentUser } from '../session.js';
import { silenceAnnouncement } from './chairSilence.js';
import { floorErrorText } from './floorLabels.js';
import { SilenceSummary } from './silenceSummary.js';
import type { VotingData } from './votingCommon.js';

/**
 * The silence procedure on the delegation's page: what is under silence, the countdown to the deadline and the
 * statements; for the head, while it runs (or once broken, to add the delegation's own), *Break silence* with a
 * statement box. Empty while no procedure was ever started.
 */
export function BreakSilencePanel(o: {
  actions: Actions;
  documentId: string;
  code: string;
  data(): VotingData;
  say(message: string): void;
}): { el: HTMLElement; destroy(): void } {
  const feed = new SilenceFeed(
    o.documentId,
    () => update(),
    (e) => o.say(silenceAnnouncement(e, o.data())),
  );
  let summary: { el: HTMLElement; stop(): void } | undefined;
  const statement = h('textarea', {
    id: 'silence-statement',
    rows: 3,
    maxlength: SILENCE_STATEMENT_MAX,
    'aria-describedby': 'silence-statement-hint',
  }) as HTMLTextAreaElement;
  const breakButton = actionButton(
    o.actions,
    'silence:break',
    { class: 'btn btn-danger floor-btn' },
    t('meeting:silence.break'),
    async (s) => {
      const said = statement.value.trim();
      if (!said) {
        statement.focus();
        throw new Error(t('meeting:silence.statementHint', { max: SILENCE_STATEMENT_MAX }));
      }
      feed.accept(await s.call(ROUTES.breakSilence, { params: { id: o.documentId }, body: { statement: said } }));
      statement.value = '';
      o.say(t('meeting:silence.brokenNow'));
    },
  );
  const form = h(
    'div',
    { class: 'silence-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'silence-statement' }, t('meeting:silence.statement')),
      statement,
      h(
        'span',
        { class: 'hint', id: 'silence-statement-hint' },
        t('meeting:silence.statementHint', { max: SILENCE_STATEMENT_MAX }),
      ),
    ),
    breakButton,
  );
  const body = h('div', { class: 'silence-body' });
  const el = h(
    'section',
    { class: 'panel silence-panel', 'aria-labelledby': 'delegation-silence', hidden: true },
    h('h2', { id: 'delegation-silence' }, t('meeting:silence.title')),
    body,
    actionError(o.actions, 'silence:break', floorErrorText),
  );
  function update(): void {
    summary?.stop();
    const silence = feed.silence;
    el.hidden = !silence;
    if (!silence) return;
    summary = SilenceSummary(silence, o.data().delegations);
    const open = silence.status === 'running' || silence.status === 'broken';
    const ours = silence.breaks.some((b) => b.delegation === o.code);
    const mayBreak = open && !ours && can(currentUser()!, 'silence.break', { stage: o.data().doc.stage });
    replaceKeepingFocus(body, summary.el, mayBreak ? form : null);
  }
  void feed.load();
  return {
    el,
    destroy: () => {
      summary?.stop();
      feed.destroy();
    },
  };
}
