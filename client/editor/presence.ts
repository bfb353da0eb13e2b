import type { Awareness } from 'y-protocols/awareness';
import { presenceColor, type PresenceUser } from '../../shared/domain/presence.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';

/** People present, grouped: one group per delegation, then the secretariat, the chair and observers. */
export function presenceGroups(
  states: Map<number, unknown>,
): { key: string; label: string; color: string; names: string[] }[] {
  const groups = new Map<string, { key: string; label: string; color: string; names: Set<string> }>();
  for (const state of states.values()) {
    const user = (state as { user?: PresenceUser } | null)?.user;
    if (!user?.userId) continue;
    const key = user.delegation ?? `role:${user.role}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, label: user.delegation ?? t(`roles.${user.role}`), color: user.color, names: new Set() };
      groups.set(key, group);
    }
    group.names.add(user.name);
  }
  return [...groups.values()]
    .sort(
      (a, b) => Number(a.key.startsWith('role:')) - Number(b.key.startsWith('role:')) || a.label.localeCompare(b.label),
    )
    .map((g) => ({ key: g.key, label: g.label, color: g.color, names: [...g.names].sort() }));
}

/** Groups shown as avatars in the header; beyond, one "+N" names the rest. */
const MAX_AVATARS = 8;

type PresenceGroup = ReturnType<typeof presenceGroups>[number];

/**
 * One group as an avatar: its delegation's code (or the role's first letters) ringed in its colour, with how
 * many are there when more than one; the names in its tooltip and, for screen readers, in words.
 */
function presenceAvatar(g: PresenceGroup): HTMLElement {
  const names = `${g.label}: ${g.names.join(', ')}`;
  return h(
    'li',
    { class: 'presence-group', 'data-group': g.key, title: names },
    h('span', { class: 'presence-avatar', 'aria-hidden': 'true', style: { borderColor: g.color } }, avatarLabel(g)),
    g.names.length > 1 ? h('span', { class: 'presence-count', 'aria-hidden': 'true' }, String(g.names.length)) : null,
    h('span', { class: 'visually-hidden' }, names),
  );
}

/** A delegation's code as it is; a role by its first three letters ("SEC", "CHA", "СЕК"). */
function avatarLabel(g: PresenceGroup): string {
  return g.key.startsWith('role:') ? g.label.slice(0, 3).toLocaleUpperCase() : g.label;
}

function restTitle(rest: PresenceGroup[]): string {
  return t('collab:presence.moreNames', {
    names: rest.map((g) => `${g.label} (${g.names.join(', ')})`).join('; '),
  });
}

/**
 * "Who is here": a live list of the people on the document, by delegation, from the awareness states the
 * server stamped with each session's identity. Redrawn at most four times a second.
 */
export function mountPresenceList(container: HTMLElement, awareness: Awareness, self?: SessionUser): () => void {
  // The server does not echo one's own state back: this person is added from their session.
  const me: PresenceUser | undefined = self && {
    userId: self.id,
    name: self.displayName,
    role: self.role,
    delegation: self.delegation,
    color: presenceColor(self.role, self.delegation),
  };
  const list = h('ul', { class: 'presence-groups' });
  const heading = h('h2', { class: 'presence-title' }, t('collab:presence.title'));
  const section = h('section', { class: 'presence', 'aria-label': t('collab:presence.title') }, heading, list);
  container.prepend(section);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = (): void => {
    timer = undefined;
    const states = new Map(awareness.getStates());
    if (me) states.set(awareness.clientID, { user: me });
    const groups = presenceGroups(states);
    const people = groups.reduce((n, g) => n + g.names.length, 0);
    heading.textContent = t('collab:presence.heading', { count: people });
    const shown = groups.slice(0, groups.length > MAX_AVATARS ? MAX_AVATARS - 1 : MAX_AVATARS);
    const rest = groups.slice(shown.length);
    list.replaceChildren(
      ...shown.map((g) => presenceAvatar(g)),
      ...(rest.length > 0
        ? [
            h(
              'li',
              { class: 'presence-more', title: restTitle(rest) },
              h('span', { 'aria-hidden': 'true' }, t('collab:presence.more', { count: rest.length })),
              h('span', { class: 'visually-hidden' }, restTitle(rest)),
            ),
          ]
        : []),
    );
  };
  const schedule = (): void => {
    timer ??= setTimeout(draw, 250);
  };
  awareness.on('change', schedule);
  draw();
  return () => {
    awareness.off('change', schedule);
    clearTimeout(timer);
    section.remove();
  };
}
