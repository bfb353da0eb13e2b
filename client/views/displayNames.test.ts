// @vitest-environment happy-dom
import { h } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionJson } from '../../shared/api/revisions.js';
import { Actions } from '../api/actions.js';
import { CommentsPanel } from '../components/CommentsPanel.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { RevisionList, type RevisionsPage } from './revisionPanels.js';
import { revisionsStart } from './revisionsState.js';

const observer: SessionUser = {
  id: 'u-observer',
  username: 'observer',
  displayName: 'Observer',
  role: 'observer',
  delegation: null,
};

const nothing = (): void => {};

beforeAll(async () => {
  localStorage.setItem('accord.language', 'en');
  await initI18n();
});

describe("people's display names where usernames were drawn", () => {
  it("a resolved thread names who resolved it by their name, not their account's", () => {
    const comment: CommentJson = {
      id: 'c1',
      clauseId: 'op1',
      parentId: null,
      author: { username: 'kaz-delegate', displayName: 'Delegate, Kazakhstan', role: 'delegate', delegation: 'KAZ' },
      body: 'Please add teachers.',
      mentions: [],
      anchor: null,
      status: 'resolved',
      resolvedBy: 'secretariat',
      resolvedByName: 'Drafting Committee Secretariat',
      resolvedAt: '2025-10-16T10:00:00.000Z',
      createdAt: '2025-10-16T09:00:00.000Z',
    };
    const panel = mount(
      h(CommentsPanel, {
        documentId: 'd',
        clauseId: 'op1',
        stage: 'negotiation',
        user: observer,
        comments: [comment],
        filter: 'all',
        onFilter: nothing,
        selection: null,
        clearSelection: nothing,
        anchors: {} as never,
        focusAnchor: nothing,
        reload: async () => {},
        drafts: new Map(),
        actions: new Actions(),
      }),
    ).el;
    expect(panel.querySelector('.badge.status-resolved')!.textContent).toBe(
      'Resolved by Drafting Committee Secretariat',
    );
    expect(panel.querySelector('.comment-author')!.textContent).toBe('Delegate, Kazakhstan');
    expect(panel.textContent).not.toMatch(/\bsecretariat\b/);
  });

  it('the list of revisions names who published each', () => {
    const revision: RevisionJson = {
      id: 'r1',
      name: 'Zero draft',
      createdAt: '2025-10-15T09:00:00.000Z',
      createdBy: 'secretariat',
      createdByName: 'Drafting Committee Secretariat',
      clauseCount: 33,
    };
    const live = { stage: 'negotiation' } as DocumentJson;
    const page: RevisionsPage = {
      documentId: 'd',
      user: observer,
      actions: new Actions(),
      query: new URLSearchParams(),
      state: revisionsStart(live, { revisions: [revision], suggestedName: 'Rev.1' }),
      dispatch: nothing,
      reload: async () => {},
    };
    const list = mount(h(RevisionList, { page }));
    const cells = [...list.el.querySelectorAll('tr[data-revision-id="r1"] td')].map((td) => td.textContent);
    expect(cells).toContain('Drafting Committee Secretariat');
    expect(cells).not.toContain('secretariat');
  });
});
