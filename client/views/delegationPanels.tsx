import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { EndorsementJson } from '../../shared/api/votes.js';
import { ENDORSEMENT_KINDS, type EndorsementKind } from '../../shared/domain/endorsements.js';
import { ROUTES } from '../../shared/api/routes.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { CountryFlag } from '../components/flag.js';
import { Field } from '../components/system.js';
import { t } from '../i18n/index.js';
import type { DelegationPage } from './delegationState.js';
import { delegationName, errorText } from './votingCommon.js';

/** The head's choice of alternate (the delegate who casts the ballot in the head's absence). */
export function AlternatePanel({ page }: { page: DelegationPage }) {
  const { alternate } = page.state;
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const username = String(new FormData(e.currentTarget).get('alternate') ?? '');
    void page.actions.run(
      'alternate',
      async (send) => {
        const answer = await send.call(ROUTES.designateAlternate, {
          params: { code: page.code },
          body: { username: username || null },
        });
        page.dispatch({ type: 'alternate', alternate: answer });
        page.dispatch({ type: 'said', message: t('voting:delegation.alternateSaved') });
      },
      { about: ['alternate'] },
    );
  };
  return (
    <section class="panel" aria-labelledby="alternate-title">
      <h2 id="alternate-title">{t('voting:delegation.alternate')}</h2>
      <p class="hint">{t('voting:delegation.alternateHint')}</p>
      <form class="inline-form" onSubmit={onSubmit}>
        <label for="alternate-select">{t('voting:delegation.alternate')}</label>
        <select id="alternate-select" name="alternate">
          <option value="" selected={!alternate.alternate}>
            {t('voting:delegation.noAlternate')}
          </option>
          {(alternate.candidates ?? []).map((c) => (
            <option key={c.username} value={c.username} selected={c.username === alternate.alternate}>
              {`${c.displayName} (${c.username})`}
            </option>
          ))}
        </select>
        <ActionButton actions={page.actions} name="alternate" type="submit" id="alternate-submit">
          {t('voting:delegation.saveAlternate')}
        </ActionButton>
      </form>
      <ActionError actions={page.actions} names="alternate" format={errorText} />
    </section>
  );
}

/**
 * After adoption, the delegation's endorsement (the head records it) and the running list of everyone's: a
 * section of its own, apart from the votes; before adoption it says when it opens.
 */
export function EndorsementPanel({ page }: { page: DelegationPage }) {
  const { data, endorsements } = page.state;
  const adopted = data.doc.stage === 'adopted';
  const list = endorsements.endorsements;
  const ours = list.find((e) => e.delegation === page.code);
  return (
    <section class="panel endorsement-panel" aria-labelledby="endorsement-title">
      <h2 id="endorsement-title">{t('voting:endorsement.title')}</h2>
      {adopted ? null : <p class="hint">{t('voting:endorsement.notYet')}</p>}
      {ours ? (
        <p class="own-endorsement">
          {t('voting:endorsement.ours', { kind: t(`voting:endorsement.kind.${ours.kind}`) })}
        </p>
      ) : null}
      {adopted && page.user.role === 'head' ? <EndorsementForm page={page} ours={ours} /> : null}
      <h3>{t('voting:endorsement.list')}</h3>
      <p>{t('voting:endorsement.progress', { count: list.length, total: data.delegations.length })}</p>
      {list.length ? (
        <ul class="endorsement-list">
          {list.map((e) => (
            <li key={e.delegation} data-delegation={e.delegation} data-kind={e.kind}>
              <CountryFlag code={e.delegation} /> <strong>{delegationName(e.delegation, data.delegations)}</strong>
              {`: ${t(`voting:endorsement.kind.${e.kind}`)}`}
              {e.statement ? <blockquote>{e.statement}</blockquote> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('voting:endorsement.none')}</p>
      )}
    </section>
  );
}

/** The head's endorsement form: a kind, and a statement (required with a reservation). */
function EndorsementForm({ page, ours }: { page: DelegationPage; ours: EndorsementJson | undefined }) {
  const [kind, setKind] = useState<EndorsementKind | undefined>(ours?.kind);
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const statement = String(new FormData(e.currentTarget).get('statement') ?? '');
    if (!kind) return;
    void page.actions.run(
      'endorse',
      async (send) => {
        await send.call(ROUTES.recordEndorsement, {
          params: { id: page.documentId },
          body: { kind, ...(statement.trim() ? { statement } : {}) },
        });
        const message = t('voting:endorsement.recorded', { kind: t(`voting:endorsement.kind.${kind}`) });
        page.dispatch({ type: 'said', message });
      },
      { about: ['stage'] },
    );
  };
  return (
    <form class="endorsement-form" onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('voting:endorsement.title')}</legend>
        {ENDORSEMENT_KINDS.map((k) => (
          <label key={k} class="choice-option">
            <input
              type="radio"
              name="endorsement-kind"
              value={k}
              defaultChecked={ours?.kind === k}
              required
              onChange={() => setKind(k)}
            />{' '}
            {t(`voting:endorsement.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field id="endorsement-statement" label={t('voting:endorsement.statement')}>
        <textarea
          id="endorsement-statement"
          name="statement"
          rows={3}
          maxLength={4000}
          defaultValue={ours?.statement ?? ''}
          required={kind === 'endorse_with_reservation'}
        />
      </Field>
      <ActionError actions={page.actions} names="endorse" format={errorText} />
      <ActionButton actions={page.actions} name="endorse" type="submit" id="endorsement-submit" class="primary">
        {t('voting:endorsement.record')}
      </ActionButton>
    </form>
  );
}
