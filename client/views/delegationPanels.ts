import type { AlternateJson, EndorsementList, EndorsementJson } from '../../shared/api/votes.js';
import { ENDORSEMENT_KINDS, type EndorsementKind } from '../../shared/domain/endorsements.js';
import { ROUTES } from '../../shared/api/routes.js';
import { actionError, bindAction } from '../components/actionControls.js';
import type { Component } from '../components/component.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import type { DelegationContext } from './delegationVoteCard.js';
import { delegationName, errorText, flag } from './votingCommon.js';

/**
 * The head's choice of alternate (the delegate who casts the ballot in the head's absence). `saved` is told
 * what the server answered.
 */
export function AlternatePanel(
  ctx: DelegationContext,
  saved: (answer: AlternateJson) => void,
): Component<AlternateJson> {
  const el = h('section', { class: 'panel', 'aria-labelledby': 'alternate-title' });
  const update = (alternate: AlternateJson): void => {
    const select = h(
      'select',
      { id: 'alternate-select' },
      h('option', { value: '' }, t('voting:delegation.noAlternate')),
      (alternate.candidates ?? []).map((c) =>
        h(
          'option',
          { value: c.username, selected: c.username === alternate.alternate },
          `${c.displayName} (${c.username})`,
        ),
      ),
    );
    ctx.drafts.field(select);
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      void ctx.actions.run(
        'alternate',
        async (send) => {
          saved(
            await send.call(ROUTES.designateAlternate, {
              params: { code: ctx.code },
              body: { username: select.value || null },
            }),
          );
          ctx.drafts.delete(select.id);
          ctx.say(t('voting:delegation.alternateSaved'));
        },
        { about: ['alternate'] },
      );
    };
    replaceKeepingFocus(
      el,
      h('h2', { id: 'alternate-title' }, t('voting:delegation.alternate')),
      h('p', { class: 'hint' }, t('voting:delegation.alternateHint')),
      h(
        'form',
        { class: 'inline-form', onsubmit },
        h('label', { for: 'alternate-select' }, t('voting:delegation.alternate')),
        select,
        bindAction(
          ctx.actions,
          'alternate',
          h('button', { type: 'submit', id: 'alternate-submit' }, t('voting:delegation.saveAlternate')),
        ),
      ),
      actionError(ctx.actions, 'alternate', errorText),
    );
  };
  return { el, update };
}

/** Everyone's endorsements so far, or that there is none. */
function endorsementList(ctx: DelegationContext, endorsements: readonly EndorsementJson[]): HTMLElement {
  if (!endorsements.length) return h('p', null, t('voting:endorsement.none'));
  return h(
    'ul',
    { class: 'endorsement-list' },
    endorsements.map((e) =>
      h(
        'li',
        { 'data-delegation': e.delegation, 'data-kind': e.kind },
        flag(e.delegation),
        ' ',
        h('strong', null, delegationName(e.delegation, ctx.data().delegations)),
        `: ${t(`voting:endorsement.kind.${e.kind}`)}`,
        e.statement ? h('blockquote', null, e.statement) : null,
      ),
    ),
  );
}

/** The head's endorsement form: a kind, and a statement (required with a reservation). */
function endorsementForm(ctx: DelegationContext, documentId: string, ours: EndorsementJson | undefined): HTMLElement {
  const statement = ctx.drafts.field(
    h('textarea', { id: 'endorsement-statement', rows: 3, maxlength: 4000, value: ours?.statement ?? '' }),
  );
  const kindKept = (ctx.drafts.get('endorsement-kind') as EndorsementKind | undefined) ?? ours?.kind;
  const statementField = h(
    'div',
    { class: 'field' },
    h('label', { for: 'endorsement-statement' }, t('voting:endorsement.statement')),
    statement,
  );
  const picked = (): EndorsementKind | undefined =>
    inputs.find((input) => input.checked)?.value as EndorsementKind | undefined;
  const syncStatement = (): void => {
    statement.required = picked() === 'endorse_with_reservation';
  };
  const inputs = ENDORSEMENT_KINDS.map((kind) =>
    h('input', {
      type: 'radio',
      name: 'endorsement-kind',
      value: kind,
      checked: kindKept === kind,
      required: true,
      onchange: () => (ctx.drafts.set('endorsement-kind', kind), syncStatement()),
    }),
  );
  const kinds = ENDORSEMENT_KINDS.map((kind, i) =>
    h('label', { class: 'choice-option' }, inputs[i], ' ', t(`voting:endorsement.kind.${kind}`)),
  );
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    const kind = picked();
    if (!kind) return;
    void ctx.actions.run(
      'endorse',
      async (send) => {
        await send.call(ROUTES.recordEndorsement, {
          params: { id: documentId },
          body: { kind, ...(statement.value.trim() ? { statement: statement.value } : {}) },
        });
        ctx.drafts.delete('endorsement-kind');
        ctx.drafts.delete(statement.id);
        ctx.say(t('voting:endorsement.recorded', { kind: t(`voting:endorsement.kind.${kind}`) }));
      },
      { about: ['stage'] },
    );
  };
  syncStatement();
  return h(
    'form',
    { class: 'endorsement-form', onsubmit },
    h('fieldset', null, h('legend', null, t('voting:endorsement.title')), kinds),
    statementField,
    actionError(ctx.actions, 'endorse', errorText),
    bindAction(
      ctx.actions,
      'endorse',
      h('button', { type: 'submit', id: 'endorsement-submit', class: 'primary' }, t('voting:endorsement.record')),
    ),
  );
}

/** After adoption, the delegation's endorsement (the head records it) and the running list of everyone's. */
export function EndorsementPanel(
  ctx: DelegationContext,
  documentId: string,
  isHead: boolean,
): Component<EndorsementList> {
  const el = h('section', { class: 'panel', 'aria-labelledby': 'endorsement-title' });
  const update = (list: EndorsementList): void => {
    const adopted = ctx.data().doc.stage === 'adopted';
    const ours = list.endorsements.find((e) => e.delegation === ctx.code);
    replaceKeepingFocus(
      el,
      h('h2', { id: 'endorsement-title' }, t('voting:endorsement.title')),
      adopted ? null : h('p', { class: 'hint' }, t('voting:endorsement.notYet')),
      ours
        ? h(
            'p',
            { class: 'own-endorsement' },
            t('voting:endorsement.ours', { kind: t(`voting:endorsement.kind.${ours.kind}`) }),
          )
        : null,
      adopted && isHead ? endorsementForm(ctx, documentId, ours) : null,
      h('h3', null, t('voting:endorsement.list')),
      h(
        'p',
        null,
        t('voting:endorsement.progress', { count: list.endorsements.length, total: ctx.data().delegations.length }),
      ),
      endorsementList(ctx, list.endorsements),
    );
  };
  return { el, update };
}
