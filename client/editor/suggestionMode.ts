import type { Plugin } from 'prosemirror-state';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { mustSuggest } from '../../shared/domain/suggestions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { onDocumentEvents } from '../components/documentEvents.js';
import { h } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';
import { suggestModePlugin } from './suggestMode.js';

/** Where a person's choice of "Suggest" or "Edit" is remembered, per person, on this device. */
const preferenceKey = (username: string): string => `accord.suggesting.${username}`;

/**
 * The switch between editing and suggesting on the document page (docs/negotiation.md, "Suggestion mode"),
 * for whoever may write the text: "Suggest" or "Edit", remembered per person in local storage. When the
 * secretariat requires suggestions, the delegations suggest whatever they chose (the server holds them to it)
 * and the switch says why; the secretariat has the requirement's own switch beside it. Every clause editor
 * takes `plugin()`, which reads the mode as it is at each keystroke.
 */
export class SuggestionMode {
  readonly controls: HTMLElement;
  private required = false;
  private preferred: boolean;
  private readonly actions = new Actions();
  private readonly suggest: HTMLButtonElement;
  private readonly edit: HTMLButtonElement;
  private readonly note: HTMLElement;
  private readonly requirement: HTMLInputElement | null;
  private readonly stop: () => void;

  constructor(
    private readonly page: DocumentPage,
    private readonly onRefused: (text: string) => void,
  ) {
    this.preferred = localStorage.getItem(preferenceKey(page.user.username)) === '1';
    this.suggest = this.choice('suggest', true);
    this.edit = this.choice('edit', false);
    this.note = h(
      'p',
      { class: 'suggest-note', id: 'suggest-note', hidden: true },
      t('suggestions:switch.requiredNote'),
    );
    this.requirement = can(page.user, 'suggestion.require', { stage: page.data.stage })
      ? this.requirementSwitch()
      : null;
    this.controls = h(
      'div',
      { class: 'suggest-controls' },
      h(
        'div',
        { class: 'suggest-switch', role: 'group', 'aria-label': t('suggestions:switch.label') },
        this.suggest,
        this.edit,
      ),
      this.requirement
        ? h('label', { class: 'suggest-require' }, this.requirement, t('suggestions:require.label'))
        : '',
      this.note,
      actionError(this.actions, 'suggestion-requirement', errorMessage),
    );
    this.stop = onDocumentEvents(page.documentId, {
      'suggestion:changed': (e) => {
        if (e.change === 'requirement') this.setRequired(e.required);
      },
    });
    // Only someone who may write now needs to know; a room of readers does not ask.
    if (can(page.user, 'clause.write', { stage: page.data.stage }))
      void call(ROUTES.suggestions, { params: { id: page.documentId } })
        .then((list) => this.setRequired(list.required))
        .catch(() => undefined);
    this.draw();
  }

  /** Whether typing makes suggestions now. */
  on(): boolean {
    return this.forced() || this.preferred;
  }

  /** The suggesting plugin for a clause's editor. */
  plugin(): Plugin {
    const { user } = this.page;
    return suggestModePlugin({
      author: { user: user.id, delegation: user.delegation ?? null },
      on: () => this.on(),
      onRefused: () => this.onRefused(t('suggestions:switch.refused')),
    });
  }

  destroy(): void {
    this.stop();
    this.controls.remove();
  }

  private forced(): boolean {
    return mustSuggest(this.page.user, this.page.data.stage, this.required);
  }

  private setRequired(required: boolean): void {
    this.required = required;
    this.draw();
  }

  private choice(key: 'suggest' | 'edit', suggesting: boolean): HTMLButtonElement {
    return h(
      'button',
      {
        type: 'button',
        class: `suggest-choice choice-${key}`,
        // The caret stays in the clause being written.
        onmousedown: (event: MouseEvent) => event.preventDefault(),
        onclick: () => {
          this.preferred = suggesting;
          localStorage.setItem(preferenceKey(this.page.user.username), suggesting ? '1' : '0');
          this.draw();
        },
      },
      t(`suggestions:switch.${key}`),
    );
  }

  private requirementSwitch(): HTMLInputElement {
    const input = h('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'suggest-require-input',
      onchange: () =>
        void this.actions.run('suggestion-requirement', async (send) => {
          const answer = await send.call(ROUTES.setSuggestionRequirement, {
            params: { id: this.page.documentId },
            body: { required: input.checked },
          });
          this.setRequired(answer.required);
        }),
    });
    return bindAction(this.actions, 'suggestion-requirement', input);
  }

  private draw(): void {
    const on = this.on();
    const forced = this.forced();
    this.suggest.setAttribute('aria-pressed', String(on));
    this.edit.setAttribute('aria-pressed', String(!on));
    this.edit.disabled = forced;
    if (forced) this.edit.setAttribute('aria-describedby', 'suggest-note');
    else this.edit.removeAttribute('aria-describedby');
    this.note.hidden = !forced;
    if (this.requirement) this.requirement.checked = this.required;
    this.page.mark('suggesting', on ? 'on' : 'off');
  }
}
