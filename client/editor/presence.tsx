import type { Awareness } from 'y-protocols/awareness';
import { presenceColor, type PresenceUser } from '../../shared/domain/presence.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { t } from '../i18n/index.js';

/** One group of people present: a delegation, or a role (`role:secretariat`). */
export interface PresenceGroup {
  key: string;
  label: string;
  color: string;
  names: string[];
}

/** People present, grouped: one group per delegation, then the secretariat, the chair and observers. */
export function presenceGroups(states: Map<number, unknown>): PresenceGroup[] {
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

/**
 * Follows who is on the document from the awareness states the server stamped with each session's identity,
 * telling `onGroups` at once and then at most four times a second. Returns the function that stops.
 */
export function followPresence(
  awareness: Awareness,
  self: SessionUser | undefined,
  onGroups: (groups: PresenceGroup[]) => void,
): () => void {
  // The server does not echo one's own state back: this person is added from their session.
  const me: PresenceUser | undefined = self && {
    userId: self.id,
    name: self.displayName,
    role: self.role,
    delegation: self.delegation,
    color: presenceColor(self.role, self.delegation),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tell = (): void => {
    timer = undefined;
    const states = new Map(awareness.getStates());
    if (me) states.set(awareness.clientID, { user: me });
    onGroups(presenceGroups(states));
  };
  const schedule = (): void => {
    timer ??= setTimeout(tell, 250);
  };
  awareness.on('change', schedule);
  tell();
  return () => {
    awareness.off('change', schedule);
    clearTimeout(timer);
  };
}

/** Groups shown as avatars in the header; beyond, one "+N" names the rest. */
const MAX_AVATARS = 8;

/** A delegation's code as it is; a role by its first three letters ("SEC", "CHA", "СЕК"). */
function avatarLabel(g: PresenceGroup): string {
  return g.key.startsWith('role:') ? g.label.slice(0, 3).toLocaleUpperCase() : g.label;
}

/**
 * One group as an avatar: its delegation's code (or the role's first letters) ringed in its colour, with how
 * many are there when more than one; the names in its tooltip and, for screen readers, in words.
 */
function PresenceAvatar({ group: g }: { group: PresenceGroup }) {
  const names = `${g.label}: ${g.names.join(', ')}`;
  return (
    <li class="presence-group" data-group={g.key} title={names}>
      <span class="presence-avatar" aria-hidden="true" style={{ borderColor: g.color }}>
        {avatarLabel(g)}
      </span>
      {g.names.length > 1 ? (
        <span class="presence-count" aria-hidden="true">
          {String(g.names.length)}
        </span>
      ) : null}
      <span class="visually-hidden">{names}</span>
    </li>
  );
}

/** "Who is here": the people on the document, by delegation, as avatars. */
export function PresenceList({ groups }: { groups: readonly PresenceGroup[] }) {
  const people = groups.reduce((n, g) => n + g.names.length, 0);
  const shown = groups.slice(0, groups.length > MAX_AVATARS ? MAX_AVATARS - 1 : MAX_AVATARS);
  const rest = groups.slice(shown.length);
  const restTitle = t('collab:presence.moreNames', {
    names: rest.map((g) => `${g.label} (${g.names.join(', ')})`).join('; '),
  });
  return (
    <section class="presence" aria-label={t('collab:presence.title')}>
      <h2 class="presence-title">{t('collab:presence.heading', { count: people })}</h2>
      <ul class="presence-groups">
        {shown.map((g) => (
          <PresenceAvatar key={g.key} group={g} />
        ))}
        {rest.length > 0 ? (
          <li class="presence-more" title={restTitle}>
            <span aria-hidden="true">{t('collab:presence.more', { count: rest.length })}</span>
            <span class="visually-hidden">{restTitle}</span>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
