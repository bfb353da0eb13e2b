import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { directionOf, offeredMarks } from '../api/languageChoice.js';
import { staleDiff } from '../api/staleDiff.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { Diff } from '../components/negotiationParts.js';
import { mountClauseEditor, type ClauseEditor } from '../editor/clauseEditor.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import { languageName, TranslationChip } from './languageLabels.js';
import type { TranslatorRowProps } from './translatorState.js';

/** The page's live copy, once synced: both editors of every row are bound to it. */
export interface LiveText {
  doc: Y.Doc;
  awareness: Awareness;
}

/** What every row shares: where it is, the page's actions, and the read that follows a mark. */
export interface TranslatorRowContext {
  documentId: string;
  lang: LanguageCode;
  originalLang: string;
  actions: Actions;
  /** The status was set: the page reads the version again (the button stays busy until it has). */
  marked(): Promise<void>;
}

/**
 * One clause in the translator's editor: the original on the left (live, read-only), the version on the right
 * (live, co-edited on `clause/<id>/<lang>`), and under them the version's status, the marks the person may set,
 * and, for a stale clause, what changed in the original since the version was marked current. The editors are
 * ProseMirror's, mounted in the cells once the live copy is there (`live`); Preact never touches the cells.
 */
export function TranslatorRow({
  props,
  ctx,
  live,
}: {
  props: TranslatorRowProps;
  ctx: TranslatorRowContext;
  live: LiveText | null;
}) {
  const { clause, readOnly } = props;
  const translation = clause.translation ?? { status: 'missing' as const };
  const original = useRef<HTMLDivElement>(null);
  const version = useRef<HTMLDivElement>(null);
  const editors = useClauseEditors(original, version, props, ctx.lang, live);
  // The version opens or closes to this person (a new stage) where it stands, the caret kept.
  const shownReadOnly = useRef(readOnly);
  useEffect(() => {
    if (readOnly === shownReadOnly.current) return;
    shownReadOnly.current = readOnly;
    editors.current[1]?.setReadOnly(readOnly);
  }, [readOnly]);
  return (
    <section
      class={`translation-row clause-${clause.kind}`}
      id={`translation-${clause.id}`}
      data-clause-id={clause.id}
      data-ref={clause.ref}
      data-translation-status={translation.status}
      aria-label={refLabel(clause.ref)}
    >
      <h2 class="translation-ref">{refLabel(clause.ref)}</h2>
      <div class="translation-cells">
        <div class="translation-original" lang={ctx.originalLang} dir={directionOf(ctx.originalLang)}>
          <div class="clause-content" ref={original} />
        </div>
        <div class="translation-version" lang={ctx.lang} dir={directionOf(ctx.lang)}>
          <div class="clause-content" ref={version} />
        </div>
      </div>
      <RowState props={props} ctx={ctx} />
    </section>
  );
}

/**
 * Both editors on the live copy: mounted once it is there, again when a resync replaced it or the clause's
 * reference changed (their names carry it), and destroyed with the row.
 */
function useClauseEditors(
  original: { current: HTMLDivElement | null },
  version: { current: HTMLDivElement | null },
  { clause, readOnly }: TranslatorRowProps,
  lang: LanguageCode,
  live: LiveText | null,
) {
  const editors = useRef<ClauseEditor[]>([]);
  useLayoutEffect(() => {
    if (!live || !original.current || !version.current) return;
    const name = languageName(lang);
    const mounted = [
      mountClauseEditor(original.current, {
        doc: live.doc,
        clauseId: clause.id,
        awareness: live.awareness,
        readOnlyReason: t('languages:translate.originalReadOnly'),
        label: t('languages:translate.originalLabel', { ref: refLabel(clause.ref) }),
      }),
      mountClauseEditor(version.current, {
        doc: live.doc,
        clauseId: clause.id,
        lang,
        awareness: live.awareness,
        readOnlyReason: readOnly,
        label: t('languages:translate.versionLabel', { ref: refLabel(clause.ref), name }),
      }),
    ];
    editors.current = mounted;
    return () => {
      for (const editor of mounted) editor.destroy();
      editors.current = [];
    };
  }, [live, clause.id, clause.ref, lang]);
  return editors;
}

/** The version's status, the marks this person may set, the mark's error, and a stale clause's diff. */
function RowState({ props, ctx }: { props: TranslatorRowProps; ctx: TranslatorRowContext }) {
  const { clause, mayMark } = props;
  const translation = clause.translation ?? { status: 'missing' as const };
  const diff = staleDiff(translation);
  const action = `mark:${clause.id}`;
  const marks = mayMark ? offeredMarks(translation.status) : [];
  const mark = (status: (typeof marks)[number]) => () =>
    void ctx.actions.run(action, async (send) => {
      await send.call(ROUTES.setTranslationStatus, {
        params: { id: ctx.documentId, clauseId: clause.id, lang: ctx.lang },
        body: { status },
      });
      await ctx.marked();
    });
  return (
    <div class="translation-state">
      <TranslationChip status={translation.status} />
      {marks.map((status, place) => (
        <ActionButton
          // By place, not by status: the focus stays on the first button when marking swaps it for the other.
          key={place}
          id={`mark-${place}-${clause.id}`}
          actions={ctx.actions}
          name={action}
          class={`btn ${status === 'current' ? 'btn-primary' : 'btn-secondary'}`}
          data-mark={status}
          onClick={mark(status)}
        >
          {t(status === 'current' ? 'languages:translate.markCurrent' : 'languages:translate.markDraft')}
        </ActionButton>
      ))}
      <ActionError actions={ctx.actions} names={action} />
      {diff ? (
        <div class="stale-diff" lang={ctx.originalLang}>
          <p class="stale-diff-label">{t('languages:translate.staleSince')}</p>
          <Diff diff={diff} />
        </div>
      ) : null}
    </div>
  );
}
