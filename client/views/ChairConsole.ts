import type { AmendmentView } from '../../shared/api/amendments.js';
import type { LiveTally, VoteView } from '../../shared/api/votes.js';
import { STAGES, type Stage } from '../../shared/domain/stages.js';
import { VOTE_RULES, countBallots, type VoteRule } from '../../shared/domain/tally.js';
import { furthestFirst } from '../../shared/domain/voteOrder.js';
import { api } from '../api/http.js';
import { followDocument } from '../api/socket.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import {
  byName,
  countsText,
  delegationName,
  errorText,
  flag,
  listen,
  liveRegion,
  loadVotingData,
  quorumLabel,
  resultBlock,
  resultSentence,
  rollCall,
  ruleLabel,
  subjectLabel,
  upsertVote,
  type VotingData,
} from './votingCommon.js';

type Subject = { type: 'document' } | { type: 'clause'; id: string } | { type: 'amendment'; id: string };

/**
 * The chair's console for one document: its stage; the agenda of clauses with the amendments still to
 * decide (amendments to one clause furthest from the original first), where the chair puts a clause under
 * discussion or opens a vote; the vote form (subject, rule, quorum); the votes in progress with every ballot
 * arriving live; closing, and the announced result with the recorded vote.
 */
export async function ChairConsole(documentId: string): Promise<View> {
  const enc = encodeURIComponent(documentId);
  let data: VotingData = await loadVotingData(documentId, { amendments: true });
  let subject: Subject = { type: 'document' };

  const status = liveRegion('status-line chair-announcer');
  const stageBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-stage' });
  const agendaBox = h('section', { class: 'panel agenda', 'aria-labelledby': 'chair-agenda' });
  const formBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-open-vote' });
  const liveBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-live' });
  const pastBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-past' });
  const root = h(
    'section',
    { class: 'chair-console' },
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${enc}` }, data.doc.title)),
    h('h1', null, t('voting:chair.title')),
    h('p', { class: 'hint' }, h('a', { href: `/projector/${enc}`, target: '_blank', rel: 'noopener' }, t('voting:links.projector')), ' — ', t('voting:chair.projectorHint')),
    status,
    h('div', { class: 'chair-columns' }, h('div', null, liveBox, formBox, pastBox), h('div', null, stageBox, agendaBox)),
  );

  const say = (message: string): void => {
    status.textContent = message;
  };
  const act = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (error) {
      say(errorText(error));
    }
  };

  const renderStage = (): void => {
    replaceChildren(
      stageBox,
      h('h2', { id: 'chair-stage' }, t('voting:chair.stage')),
      h('p', { 'data-stage': data.doc.stage }, t('voting:chair.currentStage', { stage: t(`document.stage.${data.doc.stage}`) })),
      h(
        'div',
        { class: 'button-row', role: 'group', 'aria-label': t('voting:chair.stage') },
        STAGES.map((stage: Stage) =>
          h(
            'button',
            {
              type: 'button',
              'aria-pressed': String(stage === data.doc.stage),
              disabled: stage === data.doc.stage || data.doc.stage === 'adopted',
              onclick: () =>
                act(async () => {
                  if (stage === 'adopted' && !confirm(t('voting:chair.confirmAdopted'))) return;
                  await api.post(`/api/documents/${enc}/stage`, { stage });
                  await reload();
                }),
            },
            t('voting:chair.moveStage', { stage: t(`document.stage.${stage}`) }),
          ),
        ),
      ),
    );
  };

  /** Pending amendments per clause, furthest from the original first. */
  const pendingByClause = (): Map<string, AmendmentView[]> => {
    const map = new Map<string, AmendmentView[]>();
    for (const a of data.amendments) {
      if (a.status !== 'submitted' && a.status !== 'put_to_vote') continue;
      const list = map.get(a.clauseId) ?? [];
      list.push(a);
      map.set(a.clauseId, list);
    }
    for (const [clauseId, list] of map) map.set(clauseId, furthestFirst(list.map((a) => ({ ...a, diff: a.diffCurrent ?? a.diff }))));
    return map;
  };

  const chooseSubject = (next: Subject): void => {
    subject = next;
    renderForm();
    document.getElementById('vote-subject')?.focus();
  };

  const renderAgenda = (): void => {
    const pending = pendingByClause();
    const open = new Set(data.votes.filter((v) => v.status === 'open').map((v) => `${v.subject.type}:${v.subject.id}`));
    const items = data.doc.clauses
      .filter((c) => c.kind !== 'title')
      .map((clause) => {
        const current = data.now.clauseId === clause.id;
        const amendments = pending.get(clause.id) ?? [];
        return h(
          'li',
          { class: `agenda-item${current ? ' now' : ''}`, 'data-clause-id': clause.id },
          h('div', { class: 'agenda-head' }, h('strong', null, clause.ref), ' ', h('span', { class: `badge status-${clause.status}` }, t(`document.status.${clause.status}`))),
          h('p', { class: 'agenda-text' }, clause.text.length > 160 ? `${clause.text.slice(0, 160)}…` : clause.text),
          h(
            'div',
            { class: 'button-row' },
            h(
              'button',
              {
                type: 'button',
                'aria-pressed': String(current),
                onclick: () =>
                  act(async () => {
                    data.now = await api.post(`/api/documents/${enc}/now-discussing`, { clauseId: current ? null : clause.id });
                    renderAgenda();
                  }),
              },
              current ? t('voting:nowDiscussing.current') : t('voting:nowDiscussing.set'),
            ),
            h(
              'button',
              { type: 'button', disabled: open.has(`clause:${clause.id}`), onclick: () => chooseSubject({ type: 'clause', id: clause.id }) },
              t('voting:chair.openVoteOn'),
            ),
          ),
          amendments.length
            ? h(
                'ol',
                { class: 'agenda-amendments', 'aria-label': t('voting:chair.pendingAmendments', { count: amendments.length }) },
                amendments.map((a) =>
                  h(
                    'li',
                    { 'data-amendment-id': a.id },
                    h('span', null, flag(a.delegation), ' ', t('voting:chair.amendmentBy', { delegation: delegationName(a.delegation, data.delegations) }), ` (${t(`voting:chair.amendmentKind.${a.kind}`)})`),
                    a.textPlain ? h('p', { class: 'agenda-text' }, a.textPlain) : null,
                    h(
                      'button',
                      { type: 'button', disabled: a.status !== 'submitted' || open.has(`amendment:${a.id}`), onclick: () => chooseSubject({ type: 'amendment', id: a.id }) },
                      t('voting:chair.openVoteOn'),
                    ),
                  ),
                ),
              )
            : null,
        );
      });
    replaceChildren(
      agendaBox,
      h('h2', { id: 'chair-agenda' }, t('voting:chair.agenda')),
      h('p', { class: 'hint' }, t('voting:chair.agendaHint')),
      data.now.clauseId
        ? h('p', null, h('button', { type: 'button', class: 'link', onclick: () => act(async () => ((data.now = await api.post(`/api/documents/${enc}/now-discussing`, { clauseId: null })), renderAgenda())) }, t('voting:nowDiscussing.clear')))
        : null,
      h('ol', { class: 'agenda-list' }, items),
    );
  };

  const renderForm = (): void => {
    const options: { value: string; label: string; subject: Subject }[] = [{ value: 'document', label: t('voting:subject.document'), subject: { type: 'document' } }];
    for (const c of data.doc.clauses) if (c.kind !== 'title') options.push({ value: `clause:${c.id}`, label: c.ref, subject: { type: 'clause', id: c.id } });
    for (const a of data.amendments.filter((x) => x.status === 'submitted')) {
      const s: Subject = { type: 'amendment', id: a.id };
      options.push({ value: `amendment:${a.id}`, label: subjectLabel({ subject: { type: 'amendment', id: a.id } }, data), subject: s });
    }
    const key = (s: Subject): string => (s.type === 'document' ? 'document' : `${s.type}:${s.id}`);
    const select = h('select', { id: 'vote-subject' }, options.map((o) => h('option', { value: o.value, selected: o.value === key(subject) }, o.label)));
    select.addEventListener('change', () => (subject = options.find((o) => o.value === select.value)!.subject));
    const rules = VOTE_RULES.map((rule, i) =>
      h(
        'label',
        { class: 'choice-option' },
        h('input', { type: 'radio', name: 'vote-rule', value: rule, checked: i === 0, 'aria-describedby': `rule-${rule}-explain` }),
        ' ',
        ruleLabel(rule),
        h('span', { id: `rule-${rule}-explain`, class: 'hint' }, ` — ${t(`voting:rule.explain.${rule}`)}`),
      ),
    );
    const quorum = h('input', { id: 'vote-quorum', type: 'number', min: '0', step: 'any', class: 'short', 'aria-describedby': 'vote-quorum-hint' });
    const form = h(
      'form',
      {
        class: 'open-vote-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const rule = (form.querySelector('input[name="vote-rule"]:checked') as HTMLInputElement).value as VoteRule;
          const q = quorum.value.trim() === '' ? undefined : Number(quorum.value);
          void act(async () => {
            const vote = await api.post<VoteView>(`/api/documents/${enc}/votes`, { subject, rule, ...(q === undefined ? {} : { quorum: q }) });
            data.votes = upsertVote(data.votes, vote);
            say(t('voting:announce.opened', { subject: subjectLabel(vote, data), rule: ruleLabel(rule) }));
            subject = { type: 'document' };
            await reload();
          });
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'vote-subject' }, t('voting:chair.subject')), select),
      h('fieldset', null, h('legend', null, t('voting:rule.label')), rules),
      h('div', { class: 'field' }, h('label', { for: 'vote-quorum' }, t('voting:quorum.label')), quorum, h('span', { id: 'vote-quorum-hint', class: 'hint' }, t('voting:quorum.hint'))),
      h('button', { type: 'submit', class: 'primary' }, t('voting:chair.open')),
    );
    replaceChildren(formBox, h('h2', { id: 'chair-open-vote' }, t('voting:chair.openVote')), form);
  };

  /** One open vote: the running count and every ballot as it arrives (the chair sees choices). */
  const liveCard = (vote: VoteView): HTMLElement => {
    const counts = countBallots(vote.ballots);
    const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
    const label = subjectLabel(vote, data);
    return h(
      'article',
      { class: 'vote-card live', 'data-vote-id': vote.id, 'data-present': counts.present },
      h('h3', null, label),
      h('p', { class: 'vote-rule' }, `${ruleLabel(vote.rule)} · ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}`),
      h('p', { class: 'live-counts' }, countsText(counts, data.delegations.length)),
      h(
        'ul',
        { class: 'vote-board compact', 'aria-label': t('voting:projector.board') },
        byName(data.delegations).map((d) => {
          const choice = choices.get(d.code);
          return h(
            'li',
            { class: `board-cell board-${choice ?? 'waiting'}`, 'data-delegation': d.code },
            flag(d.code),
            h('span', { class: 'board-name' }, delegationName(d.code, data.delegations)),
            h('span', { class: 'board-mark' }, t(`voting:choice.${choice ?? 'none'}`)),
          );
        }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () =>
            act(async () => {
              if (!confirm(t('voting:chair.confirmClose', { subject: label }))) return;
              const closed = await api.post<VoteView>(`/api/votes/${vote.id}/close`);
              data.votes = upsertVote(data.votes, closed);
              say(resultSentence(closed, data));
              await reload();
            }),
        },
        t('voting:chair.close'),
      ),
    );
  };

  const renderLive = (): void => {
    const open = data.votes.filter((v) => v.status === 'open');
    replaceChildren(liveBox, h('h2', { id: 'chair-live' }, t('voting:chair.liveVotes')), open.length ? open.map(liveCard) : h('p', null, t('voting:chair.noOpenVote')));
  };

  const renderPast = (): void => {
    const closed = data.votes.filter((v) => v.status === 'closed').reverse();
    replaceChildren(
      pastBox,
      h('h2', { id: 'chair-past' }, t('voting:chair.pastVotes')),
      closed.length
        ? closed.map((vote) =>
            h(
              'details',
              { class: 'vote-card', 'data-vote-id': vote.id },
              h('summary', null, `${subjectLabel(vote, data)} — `, resultBlock(vote)),
              rollCall(vote, data.delegations),
              vote.explanations.length
                ? h(
                    'ul',
                    { class: 'explanations', 'aria-label': t('voting:explanations.title') },
                    vote.explanations.map((e) => h('li', null, flag(e.delegation), ' ', h('strong', null, delegationName(e.delegation, data.delegations)), ` (${t(`voting:explanations.${e.when}`)}): `, e.text)),
                  )
                : null,
            ),
          )
        : h('p', null, t('voting:chair.noPastVote')),
    );
  };

  const renderAll = (): void => {
    renderLive();
    renderForm();
    renderPast();
    renderStage();
    renderAgenda();
  };

  const reload = async (): Promise<void> => {
    data = await loadVotingData(documentId, { amendments: true });
    renderAll();
  };

  /** Applies one ballot from the live tally to the vote it belongs to. */
  const applyTally = (e: LiveTally): void => {
    const vote = data.votes.find((v) => v.id === e.voteId);
    if (!vote) return void reload();
    vote.ballots = [...vote.ballots.filter((b) => b.delegation !== e.ballot.delegation), e.ballot];
    if (!vote.voted.includes(e.ballot.delegation)) vote.voted = [...vote.voted, e.ballot.delegation];
    scheduleLive();
  };
  // During a burst of ballots the board is redrawn at most once per frame.
  let frame = 0;
  const scheduleLive = (): void => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderLive();
    });
  };

  renderAll();
  const unfollow = followDocument(documentId);
  const ours = (e: { documentId: string }): boolean => e.documentId === documentId;
  const unlisten = listen({
    'vote:tally': (e) => {
      if (ours(e)) applyTally(e);
    },
    'vote:opened': ({ vote }) => {
      if (!ours(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      renderLive();
    },
    'vote:closed': ({ vote }) => {
      if (!ours(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      renderLive();
      renderPast();
    },
    'document:stage': (e) => {
      if (ours(e)) void reload();
    },
    'clause:status': (e) => {
      if (ours(e)) void reload();
    },
    'amendment:changed': (e) => {
      if (ours(e)) void reload();
    },
    'document:nowDiscussing': (e) => {
      if (!ours(e)) return;
      data.now = e;
      renderAgenda();
    },
  });

  return {
    title: t('voting:chair.title'),
    el: root,
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      unlisten();
      unfollow();
    },
  };
}
