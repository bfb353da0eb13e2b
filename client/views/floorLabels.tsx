import i18next from 'i18next';
import type { FloorEntryJson, FloorKind, FloorSubject } from '../../shared/api/floor.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { CountryFlag } from '../components/flag.js';
import { Chip } from '../components/system.js';
import type { ChipTone } from '../components/ui.js';
import { errorMessage, t } from '../i18n/index.js';
import { delegationName, subjectLabel, type VotingData } from './votingCommon.js';

/** The words of the floor, shared by the chair's panel, the delegation's control and the projector. */

const KIND_TONE: Record<FloorKind, ChipTone> = { speaker: 'neutral', point_of_order: 'danger', right_of_reply: 'warn' };

/** What a request is on, in words: "General debate", "OP3", "amendment by France to OP3". */
export function floorSubjectText(
  subject: FloorSubject,
  data: Pick<VotingData, 'doc' | 'amendments' | 'delegations'>,
): string {
  if (subject.type === 'general') return t('meeting:subject.general');
  return subjectLabel({ subject } as Pick<VoteJson, 'subject'>, data);
}

/** A request's kind as a chip: colour with words, never colour alone. */
export function FloorKindChip({ kind }: { kind: FloorKind }) {
  return (
    <Chip tone={KIND_TONE[kind]} class="floor-kind">
      {t(`meeting:kind.${kind}`)}
    </Chip>
  );
}

/** A request on one line: flag and name, its kind unless a plain speaker, and what it is on. */
export function FloorEntryLine({ entry, data }: { entry: FloorEntryJson; data: VotingData }) {
  return (
    <span class="floor-entry">
      <CountryFlag code={entry.delegation} />{' '}
      <strong class="floor-delegation">{delegationName(entry.delegation, data.delegations)}</strong>
      {entry.kind === 'speaker' ? null : (
        <>
          {' '}
          <FloorKindChip kind={entry.kind} />
        </>
      )}{' '}
      <span class="floor-subject">{floorSubjectText(entry.subject, data)}</span>
    </span>
  );
}

/** The message for a refused floor action: this feature's words first, then the common ones. */
export function floorErrorText(error: unknown): string {
  const id = (error as { id?: string })?.id;
  if (id && i18next.exists(`meeting:errors.${id}`)) return t(`meeting:errors.${id}`);
  return errorMessage(error);
}
