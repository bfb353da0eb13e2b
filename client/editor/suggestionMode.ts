import type { Plugin } from 'prosemirror-state';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { mustSuggest } from '../../shared/domain/suggestions.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { onDocumentEvents } from '../components/documentEvents.js';
import { t } from '../i18n/index.js';
import type { EditingPage } from './editingState.js';
import type { Suggesting } from './editingState.js';
import { suggestModePlugin } from './suggestMode.js';

/** Where a person's choice of "Suggest" or "Edit" is remembered, per person, on this device. */
const preferenceKey = (username: string): string => `accord.suggesting.${username}`;

/**
 * The mode between editing and suggesting on the document page (docs/negotiation.md, "Suggestion mode"), for
 * whoever may write the text: "Suggest" or "Edit", remembered per person in local storage. When the
 * secretariat requires suggestions, the delegations suggest whatever they chose (the server holds them to it);
 * the secretariat sets the requirement (`require`). Every clause editor takes `plugin()`, which reads the mode
 * as it is at each keystroke; the switch (`SuggestSwitch`) draws what `onChange` is told.
 */
export class SuggestionMode {
  private required = false;
  private preferred: boolean;
  private readonly stop: () => void;

  constructor(
    private readonly page: EditingPage,
    private readonly onRefused: (text: string) => void,
    private readonly onChange: (suggesting: Suggesting) => void,
    /** Where the requirement's action runs: the switch shows its progress and error. */
    readonly actions = new Actions(),
  ) {
    this.preferred = localStorage.getItem(preferenceKey(page.user.username)) === '1';
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

  /** The person chose suggesting (true) or editing, remembered on this device. */
  prefer(suggesting: boolean): void {
    this.preferred = suggesting;
    localStorage.setItem(preferenceKey(this.page.user.username), suggesting ? '1' : '0');
    this.draw();
  }

  /** The secretariat requires delegations to suggest, or lifts it. */
  require(required: boolean): void {
    void this.actions.run('suggestion-requirement', async (send) => {
      const answer = await send.call(ROUTES.setSuggestionRequirement, {
        params: { id: this.page.documentId },
        body: { required },
      });
      this.setRequired(answer.required);
    });
  }

  destroy(): void {
    this.stop();
  }

  private forced(): boolean {
    return mustSuggest(this.page.user, this.page.data.stage, this.required);
  }

  private setRequired(required: boolean): void {
    this.required = required;
    this.draw();
  }

  private draw(): void {
    const on = this.on();
    this.onChange({ on, forced: this.forced(), required: this.required });
    this.page.mark('suggesting', on ? 'on' : 'off');
  }
}
