import type { LanguageCode } from '../../shared/domain/languages.js';
import type { EventHandlers } from '../components/documentEvents.js';
import type { ProjectorState } from './ProjectorView.js';
import { resultSentence } from './votingCommon.js';
import { upsertVote } from '../api/voteReducers.js';

/** What the projector does with each event about its document: shows it, or reads again what it cannot apply. */
export function projectorEvents(
  s: ProjectorState,
  reload: () => Promise<void>,
  changed: () => void,
  announcer: HTMLElement,
  lang: LanguageCode | null,
): EventHandlers {
  return {
    'vote:opened': ({ vote }) => {
      s.data.votes = upsertVote(s.data.votes, vote);
      // The subject may be an amendment proposed since the page loaded.
      void reload();
    },
    'vote:progress': (e) => {
      const vote = s.data.votes.find((v) => v.id === e.voteId);
      if (!vote) return void reload();
      vote.voted = e.voted;
      changed();
    },
    'vote:closed': ({ vote }) => {
      s.data.votes = upsertVote(s.data.votes, vote);
      changed();
      announcer.textContent = resultSentence(vote, s.data);
    },
    'vote:lapsed': ({ vote }) => {
      s.data.votes = upsertVote(s.data.votes, vote);
      changed();
    },
    'document:nowDiscussing': (e) => {
      s.data.now = e;
      s.focusSince = e.at ?? '';
      changed();
    },
    'document:stage': () => void reload(),
    // The clause on the screen is named by its number, which a kind change moves.
    'clause:kind': () => void reload(),
    'endorsements:changed': (e) => {
      s.endorsements = e;
      changed();
    },
    'amendment:changed': () => void reload(),
    'translation:status': (e) => void (e.lang === lang && reload()),
  };
}
