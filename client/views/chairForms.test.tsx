// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Actions, type Situation } from '../api/actions.js';
import { ApiError } from '../api/http.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Stepper } from './chairStepper.js';
import { VoteForm } from './chairVoteForm.js';
import type { VotingData } from './votingCommon.js';
import { consoleData as data, voteOnClause } from './votingFixtures.js';

/** Actions whose requests are recorded and never answered: a test sees what would have been sent. */
function recorded(): { actions: Actions; sent: string[] } {
  const sent: string[] = [];
  const actions = new Actions((route) => {
    sent.push(`${route.method} ${route.path}`);
    return new Promise(() => {});
  });
  return { actions, sent };
}

const topics = () => ({ current: null as Situation | null });

describe('the chair’s forms, drawn', () => {
  beforeAll(() => initI18n());

  it('keeps the subject chosen when it can no longer be voted on, marked, and refuses it without sending', () => {
    const { actions, sent } = recorded();
    const form = (d: VotingData) => (
      <VoteForm
        actions={actions}
        documentId="d"
        data={d}
        votesOpenAtStage
        textVersion={0}
        picked={null}
        topics={topics()}
        opened={() => {}}
      />
    );
    const view = mount(form(data()));
    document.body.append(view.el);
    const select = view.el.querySelector<HTMLSelectElement>('#vote-subject')!;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'document', 'clause:c1', 'clause:c2']);
    act(() => {
      select.value = 'clause:c2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Meanwhile a vote on OP2 opens from another console: the choice stays, marked, not replaced.
    act(() => view.update(form(data({ votes: [voteOnClause('v', 'c2')] }))));
    expect(select.value).toBe('clause:c2');
    const chosen = [...select.options].find((o) => o.value === 'clause:c2')!;
    expect(chosen.disabled).toBe(true);
    expect(chosen.textContent).toContain('OP2');
    act(() => void view.el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(view.el.querySelector('#vote-subject-error')?.textContent).toBe('A vote on OP2 is already in progress.');
    expect(sent).toEqual([]);
    view.destroy?.();
    view.el.remove();
  });

  it('holds a vote on an unfinished whole text for the chair to read, and opens it once acknowledged', async () => {
    const unfinished = [{ kind: 'not_agreed', clauseId: 'c1', ref: 'OP1', status: 'open' }];
    const bodies: unknown[] = [];
    // The server holds the vote back until the request says the chair read the list.
    const actions = new Actions(async (_route, given) => {
      const body = (given as { body: { acknowledge?: boolean } }).body;
      bodies.push(body);
      if (!body.acknowledge) throw new ApiError(409, 'needs_acknowledgement', 'Unfinished.', { items: unfinished });
      return { id: 'v9', status: 'open' } as never;
    });
    const opened: [string, string][] = [];
    const view = mount(
      <VoteForm
        actions={actions}
        documentId="d"
        data={data()}
        votesOpenAtStage
        textVersion={0}
        picked={null}
        topics={topics()}
        opened={(vote, rule) => opened.push([vote.id, rule])}
      />,
    );
    document.body.append(view.el);
    const select = view.el.querySelector<HTMLSelectElement>('#vote-subject')!;
    act(() => {
      select.value = 'document';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => void view.el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    await vi.waitFor(() => expect(view.el.querySelector('#ack-vote .ack-items')?.textContent).toContain('OP1'));
    expect(opened).toEqual([]);
    await act(async () => view.el.querySelector<HTMLButtonElement>('#ack-vote-confirm')!.click());
    await vi.waitFor(() => expect(opened).toEqual([['v9', 'consensus']]));
    expect(bodies.map((b) => (b as { acknowledge?: boolean }).acknowledge ?? false)).toEqual([false, false, true]);
    expect(view.el.querySelector('#ack-vote')).toBeNull();
    view.destroy?.();
    view.el.remove();
  });

  it('marks the current stage without disabling it, and keeps a reason typed across redraws', () => {
    const { actions, sent } = recorded();
    const stepper = (d: VotingData) => (
      <Stepper
        actions={actions}
        documentId="d"
        data={d}
        textVersion={0}
        topics={topics()}
        moved={() => {}}
        adopted={() => {}}
      />
    );
    const view = mount(stepper(data()));
    document.body.append(view.el);
    const current = view.el.querySelector('[aria-current=step]')!;
    expect(current.getAttribute('data-step')).toBe('negotiation');
    expect(current.querySelector('button')).toBeNull();
    expect(view.el.querySelector<HTMLButtonElement>('#stage-adoption')!.disabled).toBe(false);
    act(() => view.el.querySelector<HTMLButtonElement>('#stage-drafting')!.click());
    const reason = view.el.querySelector<HTMLTextAreaElement>('#stage-reason')!;
    expect(document.activeElement).toBe(reason);
    reason.value = 'The preamble';
    act(() => void reason.dispatchEvent(new Event('input', { bubbles: true })));
    // A vote opens meanwhile: every move is held and says why; the reason stays typed.
    act(() => view.update(stepper(data({ votes: [voteOnClause('v', 'c1')] }))));
    expect(view.el.querySelector<HTMLTextAreaElement>('#stage-reason')!.value).toBe('The preamble');
    expect(view.el.querySelector<HTMLButtonElement>('#stage-reason-submit')!.disabled).toBe(true);
    expect(view.el.querySelector('#step-note-adoption')?.textContent).toBe('Close the votes in progress first.');
    // Closed and opened again, the form shows the reason still.
    act(() => view.update(stepper(data())));
    act(() => view.el.querySelector<HTMLButtonElement>('#stage-drafting')!.click());
    expect(view.el.querySelector('#stage-reason')).toBeNull();
    act(() => view.el.querySelector<HTMLButtonElement>('#stage-drafting')!.click());
    expect(view.el.querySelector<HTMLTextAreaElement>('#stage-reason')!.value).toBe('The preamble');
    expect(sent).toEqual([]);
    view.destroy?.();
    view.el.remove();
  });
});
