import '../styles/meeting.css';
import type { FloorSubject } from '../../shared/api/floor.js';
import { FLOOR_KINDS, type FloorKind } from '../../shared/domain/floor.js';
import { isPending } from '../../shared/domain/amendments.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { placesOf } from '../api/floor.js';
import { can } from '../../shared/domain/permissions.js';
import { currentUser } from '../session.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { floorEntryLine, floorErrorText, floorKindChip, floorSubjectText } from './floorLabels.js';
import type { VotingData } from './votingCommon.js';

interface RequestPanelOptions {
  actions: Actions;
  documentId: string;
  /** The delegation's code. */
  code: string;
  data(): VotingData;
  say(message: string): void;
}

/** A subject as the value of an option: "general", "clause:<id>", "amendment:<id>". */
const subjectValue = (s: FloorSubject): string => (s.type === 'general' ? 'general' : `${s.type}:${s.id}`);

function subjectOf(value: string): FloorSubject {
  const [type, id] = value.split(/:(.*)/s) as [string, string | undefined];
  if ((type === 'clause' || type === 'amendment') && id) return { type, id };
  return { type: 'general' };
}

/** The subjects on offer: the text in general, each numbered clause, each amendment still to be decided. */
function subjectOptions(data: VotingData): HTMLOptionElement[] {
  const subjects: FloorSubject[] = [
    { type: 'general' },
    ...data.doc.clauses.filter((c) => c.number !== null).map((c) => ({ type: 'clause' as const, id: c.id })),
    ...data.amendments.filter((a) => isPending(a.status)).map((a) => ({ type: 'amendment' as const, id: a.id })),
  ];
  return subjects.map((s) => h('option', { value: subjectValue(s) }, floorSubjectText(s, data)) as HTMLOptionElement);
}

/** The request form: subject and kind, built once so the choice survives every change of the floor. */
function requestForm(o: RequestPanelOptions & { feed: FloorFeed }): { el: HTMLElement; update(): void } {
  const subject = h('select', { id: 'floor-subject' }) as HTMLSelectElement;
  const kind = h(
    'select',
    { id: 'floor-kind' },
    FLOOR_KINDS.map((k) => h('option', { value: k }, t(`meeting:kind.${k}`))),
  ) as HTMLSelectElement;
  const send = actionButton(
    o.actions,
    'floor:request',
    { class: 'btn btn-primary floor-request' },
    t('meeting:delegation.request'),
    async (s) => {
      const body = { subject: subjectOf(subject.value), kind: kind.value as FloorKind };
      await s.call(ROUTES.requestFloor, { params: { id: o.documentId }, body });
      await o.feed.load();
      o.say(t('meeting:announce.requested'));
    },
  );
  const el = h(
    'div',
    { class: 'floor-request-form' },
    h('label', { for: 'floor-subject' }, t('meeting:delegation.subject')),
    subject,
    h('label', { for: 'floor-kind' }, t('meeting:delegation.kind')),
    kind,
    send,
    actionError(o.actions, 'floor:request', floorErrorText),
  );
  return {
    el,
    update() {
      const chosen = subject.value;
      const options = subjectOptions(o.data());
      replaceKeepingFocus(subject, ...options);
      if (options.some((opt) => opt.value === chosen)) subject.value = chosen;
    },
  };
}

/**
 * The delegation's floor: who speaks now, the delegation's own places on the list (each may be withdrawn),
 * and "Request the floor" with a subject (general, a clause, an amendment) and a kind (to speak, a point of
 * order, a right of reply).
 */
export function FloorRequestPanel(options: RequestPanelOptions): { el: HTMLElement; update(): void; destroy(): void } {
  const feed = new FloorFeed(options.documentId, () => update());
  const o = { ...options, feed };
  const clock = FloorClock(() => feed.serverNow());
  const status = h('div', { class: 'floor-current' });
  const own = h('div', { class: 'floor-own' });
  const form = requestForm(o);
  const el = h(
    'section',
    { class: 'panel floor-panel', 'aria-labelledby': 'delegation-floor' },
    h('h2', { id: 'delegation-floor' }, t('meeting:floor.title')),
    status,
    own,
    form.el,
  );
  const update = (): void => {
    form.update();
    // Asking closes with the text's adoption (the permissions table); the list and the speaker stay in view.
    form.el.hidden = !can(currentUser()!, 'floor.request', { stage: o.data().doc.stage });
    const floor = o.feed.floor;
    if (!floor) return;
    clock.show(floor.current);
    replaceKeepingFocus(
      status,
      floor.current
        ? h(
            'p',
            { class: 'floor-speaker' },
            `${t('meeting:floor.speaking')} `,
            floorEntryLine(floor.current, o.data()),
            ' ',
            clock.el,
          )
        : h('p', { class: 'floor-label' }, t('meeting:floor.nobody')),
      h('p', { class: 'floor-label' }, t('meeting:floor.waiting', { count: floor.queue.length })),
      floor.open ? null : h('p', { class: 'floor-closed' }, t('meeting:floor.closed')),
    );
    const places = placesOf(floor, o.code);
    replaceKeepingFocus(
      own,
      places.length
        ? h(
            'ul',
            { class: 'floor-list', 'aria-label': t('meeting:delegation.ours') },
            places.map(({ entry, place }) =>
              h(
                'li',
                { class: 'floor-queue-item', 'data-request': entry.id },
                h('span', null, t('meeting:delegation.place', { place }), ' ', floorKindChip(entry.kind), ' '),
                h('span', { class: 'floor-subject' }, floorSubjectText(entry.subject, o.data())),
                actionButton(
                  o.actions,
                  `floor:${entry.id}`,
                  { class: 'btn btn-secondary floor-btn' },
                  t('meeting:delegation.withdraw'),
                  async (s) => {
                    o.feed.accept(
                      await s.call(ROUTES.withdrawFloorRequest, { params: { id: o.documentId, requestId: entry.id } }),
                    );
                    o.say(t('meeting:announce.withdrawn'));
                  },
                ),
                actionError(o.actions, `floor:${entry.id}`, floorErrorText),
              ),
            ),
          )
        : null,
    );
  };
  void feed.load();
  return {
    el,
    update,
    destroy() {
      feed.destroy();
      clock.destroy();
    },
  };
}
