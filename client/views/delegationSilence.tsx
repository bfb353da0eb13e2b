import { useRef } from 'preact/hooks';
import { SILENCE_STATEMENT_MAX } from '../../shared/domain/silence.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { t } from '../i18n/index.js';
import type { DelegationPage } from './delegationState.js';
import { floorErrorText } from './floorLabels.js';
import { SilenceSummary } from './silenceSummary.js';

/**
 * The silence procedure on the delegation's page: what is under silence, the countdown to the deadline and the
 * statements; for the head, while it runs (or once broken, to add the delegation's own), *Break silence* with a
 * statement box. Hidden while no procedure was ever started.
 */
export function SilencePanel({ page }: { page: DelegationPage }) {
  const { silence, data } = page.state;
  const open = silence?.status === 'running' || silence?.status === 'broken';
  const ours = silence?.breaks.some((b) => b.delegation === page.code) ?? false;
  const mayBreak = open && !ours && can(page.user, 'silence.break', { stage: data.doc.stage });
  // Once broken, the form goes and the delegation's statement is in the list: the focus goes to its heading.
  const title = useRef<HTMLHeadingElement>(null);
  return (
    <section class="panel silence-panel" aria-labelledby="delegation-silence" hidden={!silence}>
      <h2 id="delegation-silence" ref={title} tabIndex={-1}>
        {t('meeting:silence.title')}
      </h2>
      <div class="silence-body">
        {silence ? <SilenceSummary silence={silence} delegations={data.delegations} /> : null}
        {mayBreak ? <BreakForm page={page} broken={() => title.current?.focus()} /> : null}
      </div>
      <ActionError actions={page.actions} names="silence:break" format={floorErrorText} />
    </section>
  );
}

/** The statement box and *Break silence*: a statement is required, and the box takes the focus when empty. */
function BreakForm({ page, broken }: { page: DelegationPage; broken(): void }) {
  const statement = useRef<HTMLTextAreaElement>(null);
  const breakSilence = () =>
    void page.actions
      .run('silence:break', async (send) => {
        const field = statement.current!;
        const said = field.value.trim();
        if (!said) {
          field.focus();
          throw new Error(t('meeting:silence.statementHint', { max: SILENCE_STATEMENT_MAX }));
        }
        const next = await send.call(ROUTES.breakSilence, {
          params: { id: page.documentId },
          body: { statement: said },
        });
        field.value = '';
        page.dispatch({ type: 'silence', silence: next });
        page.dispatch({ type: 'said', message: t('meeting:silence.brokenNow') });
      })
      .then((done) => done && broken());
  return (
    <div class="silence-form">
      <div class="field">
        <label for="silence-statement">{t('meeting:silence.statement')}</label>
        <textarea
          id="silence-statement"
          ref={statement}
          rows={3}
          maxLength={SILENCE_STATEMENT_MAX}
          aria-describedby="silence-statement-hint"
        />
        <span class="hint" id="silence-statement-hint">
          {t('meeting:silence.statementHint', { max: SILENCE_STATEMENT_MAX })}
        </span>
      </div>
      <ActionButton actions={page.actions} name="silence:break" class="btn btn-danger floor-btn" onClick={breakSilence}>
        {t('meeting:silence.break')}
      </ActionButton>
    </div>
  );
}
