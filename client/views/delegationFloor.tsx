import '../styles/meeting.css';
import type { RefObject } from 'preact';
import { useRef } from 'preact/hooks';
import type { FloorEntryJson, FloorSubject } from '../../shared/api/floor.js';
import { FLOOR_KINDS, type FloorKind } from '../../shared/domain/floor.js';
import { isPending } from '../../shared/domain/amendments.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { placesOf } from '../api/floor.js';
import { call } from '../api/http.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { FloorClock } from '../components/floorClock.js';
import { t } from '../i18n/index.js';
import type { DelegationPage } from './delegationState.js';
import { FloorEntryLine, floorErrorText, FloorKindChip, floorSubjectText } from './floorLabels.js';
import type { VotingData } from './votingCommon.js';

/** A subject as the value of an option: "general", "clause:<id>", "amendment:<id>". */
export const subjectValue = (s: FloorSubject): string => (s.type === 'general' ? 'general' : `${s.type}:${s.id}`);

export function subjectOf(value: string): FloorSubject {
  const [type, id] = value.split(/:(.*)/s) as [string, string | undefined];
  if ((type === 'clause' || type === 'amendment') && id) return { type, id };
  return { type: 'general' };
}

/** The subjects on offer: the text in general, each numbered clause, each amendment still to be decided. */
export function floorSubjects(data: Pick<VotingData, 'doc' | 'amendments'>): FloorSubject[] {
  return [
    { type: 'general' },
    ...data.doc.clauses.filter((c) => c.number !== null).map((c) => ({ type: 'clause' as const, id: c.id })),
    ...data.amendments.filter((a) => isPending(a.status)).map((a) => ({ type: 'amendment' as const, id: a.id })),
  ];
}

/**
 * The delegation's floor: who speaks now, the delegation's own places on the list (each may be withdrawn),
 * and "Request the floor" with a subject (general, a clause, an amendment) and a kind (to speak, a point of
 * order, a right of reply). Asking closes with the text's adoption (the permissions table); the list and the
 * speaker stay in view.
 */
export function FloorRequestPanel({ page }: { page: DelegationPage }) {
  const { floor, data } = page.state;
  const places = floor ? placesOf(floor, page.code) : [];
  // A place withdrawn leaves the list: the focus goes to the request, to ask again.
  const request = useRef<HTMLButtonElement>(null);
  return (
    <section class="panel floor-panel" aria-labelledby="delegation-floor">
      <h2 id="delegation-floor">{t('meeting:floor.title')}</h2>
      <div class="floor-current">
        {floor ? (
          <>
            {floor.current ? (
              <p class="floor-speaker">
                {`${t('meeting:floor.speaking')} `}
                <FloorEntryLine entry={floor.current} data={data} />{' '}
                <FloorClock entry={floor.current} serverNow={() => Date.now() + page.state.floorOffset} />
              </p>
            ) : (
              <p class="floor-label">{t('meeting:floor.nobody')}</p>
            )}
            <p class="floor-label">{t('meeting:floor.waiting', { count: floor.queue.length })}</p>
            {floor.open ? null : <p class="floor-closed">{t('meeting:floor.closed')}</p>}
          </>
        ) : null}
      </div>
      <div class="floor-own">
        {places.length ? (
          <ul class="floor-list" aria-label={t('meeting:delegation.ours')}>
            {places.map(({ entry, place }) => (
              <OwnPlace
                key={entry.id}
                page={page}
                entry={entry}
                place={place}
                withdrawn={() => request.current?.focus()}
              />
            ))}
          </ul>
        ) : null}
      </div>
      <RequestForm page={page} button={request} hidden={!can(page.user, 'floor.request', { stage: data.doc.stage })} />
    </section>
  );
}

/** One of the delegation's requests on the list: its place, kind and subject, and "Withdraw". */
function OwnPlace(props: { page: DelegationPage; entry: FloorEntryJson; place: number; withdrawn(): void }) {
  const { page, entry, place } = props;
  const action = `floor:${entry.id}`;
  const withdraw = () =>
    void page.actions
      .run(action, async (send) => {
        const floor = await send.call(ROUTES.withdrawFloorRequest, {
          params: { id: page.documentId, requestId: entry.id },
        });
        page.dispatch({ type: 'floor', floor, receivedAt: Date.now() });
        page.dispatch({ type: 'said', message: t('meeting:announce.withdrawn') });
      })
      .then((done) => done && props.withdrawn());
  return (
    <li class="floor-queue-item" data-request={entry.id}>
      <span>
        {t('meeting:delegation.place', { place })} <FloorKindChip kind={entry.kind} />{' '}
      </span>
      <span class="floor-subject">{floorSubjectText(entry.subject, page.state.data)}</span>
      <ActionButton actions={page.actions} name={action} class="btn btn-secondary floor-btn" onClick={withdraw}>
        {t('meeting:delegation.withdraw')}
      </ActionButton>
      <ActionError actions={page.actions} names={action} format={floorErrorText} />
    </li>
  );
}

/** The request form: subject and kind, which keep what was chosen across every change of the floor. */
function RequestForm(props: { page: DelegationPage; button: RefObject<HTMLButtonElement | null>; hidden: boolean }) {
  const { page, hidden } = props;
  const subject = useRef<HTMLSelectElement>(null);
  const kind = useRef<HTMLSelectElement>(null);
  const request = () =>
    void page.actions.run('floor:request', async (send) => {
      const body = { subject: subjectOf(subject.current!.value), kind: kind.current!.value as FloorKind };
      await send.call(ROUTES.requestFloor, { params: { id: page.documentId }, body });
      const floor = await call(ROUTES.floor, { params: { id: page.documentId } }).catch(() => null);
      if (floor) page.dispatch({ type: 'floor', floor, receivedAt: Date.now() });
      page.dispatch({ type: 'said', message: t('meeting:announce.requested') });
    });
  return (
    <div class="floor-request-form" hidden={hidden}>
      <label for="floor-subject">{t('meeting:delegation.subject')}</label>
      <select id="floor-subject" ref={subject}>
        {floorSubjects(page.state.data).map((s) => (
          <option key={subjectValue(s)} value={subjectValue(s)}>
            {floorSubjectText(s, page.state.data)}
          </option>
        ))}
      </select>
      <label for="floor-kind">{t('meeting:delegation.kind')}</label>
      <select id="floor-kind" ref={kind}>
        {FLOOR_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`meeting:kind.${k}`)}
          </option>
        ))}
      </select>
      <ActionButton
        actions={page.actions}
        name="floor:request"
        class="btn btn-primary floor-request"
        buttonRef={props.button}
        onClick={request}
      >
        {t('meeting:delegation.request')}
      </ActionButton>
      <ActionError actions={page.actions} names="floor:request" format={floorErrorText} />
    </div>
  );
}
