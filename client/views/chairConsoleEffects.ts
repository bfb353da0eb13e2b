import { useEffect } from 'preact/hooks';
import type { BallotJson } from '../../shared/api/votes.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import type { ConsoleEvent, ConsoleState } from './consoleState.js';
import { errorText, loadVotingData } from './votingCommon.js';

/**
 * The console's one subscription to its document's events, each handed to the reducer as one event. Ballots
 * arriving in a burst (forty delegations pressing at once) are applied once a frame, as one event.
 */
export function useConsoleEvents(documentId: string, dispatch: (event: ConsoleEvent) => void): void {
  useEffect(() => {
    let tallies: { voteId: string; ballot: BallotJson }[] = [];
    let frame = 0;
    const unfollow = followDocumentEvents(
      documentId,
      {
        'vote:tally': (e) => {
          tallies.push({ voteId: e.voteId, ballot: e.ballot });
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            const burst = tallies;
            tallies = [];
            dispatch({ type: 'ballots', tallies: burst });
          });
        },
        'vote:opened': ({ vote }) => dispatch({ type: 'vote', vote }),
        'vote:closed': ({ vote }) => dispatch({ type: 'vote', vote }),
        'vote:lapsed': ({ vote }) => dispatch({ type: 'vote', vote }),
        'document:stage': (e) => dispatch({ type: 'stage', stage: e.stage }),
        'clause:status': (e) => dispatch({ type: 'clause:status', clauseId: e.clauseId, status: e.status }),
        'amendment:changed': (change) => dispatch({ type: 'amendments', change }),
        'document:nowDiscussing': (now) => dispatch({ type: 'now', now }),
        // A language version's clause marked current or draft changes what a list of unfinished work says of it.
        'translation:status': () => dispatch({ type: 'text-changed' }),
      },
      // Whenever it may have missed an event (one went out between its reads and its first join, or while the
      // connection was down), the console reads everything again.
      () => dispatch({ type: 'stale' }),
    );
    return () => {
      if (frame) cancelAnimationFrame(frame);
      unfollow();
    };
  }, [documentId]);
}

/** Reads everything again whenever the state says it is stale and no read is under way (never from a reducer). */
export function useConsoleReads(
  documentId: string,
  state: ConsoleState,
  dispatch: (event: ConsoleEvent) => void,
  say: (message: string) => void,
): void {
  useEffect(() => {
    if (!state.stale || state.reading) return;
    dispatch({ type: 'reading' });
    loadVotingData(documentId, { amendments: true }).then(
      (data) => dispatch({ type: 'read', data }),
      (error: unknown) => {
        dispatch({ type: 'read-failed' });
        say(errorText(error));
      },
    );
  }, [state.stale, state.reading]);
}
