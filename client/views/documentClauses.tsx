import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { directionOf } from '../api/languageChoice.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { t } from '../i18n/index.js';
import { usePartsTurn, type PartTurns } from './partTurns.js';
import type { ClausePartProps, ClauseSlots, DocumentPageProps, DocumentParts } from './documentExtensions.js';
import { TranslationChip } from './documentLanguages.js';
import { Parts } from './documentHeader.js';

/**
 * The declaration as a reader sees it: the title, the preamble (italic opening participles, commas), numbered
 * operative paragraphs with (a)/(i) subparagraphs, headings and annexes — numbering derived by the server from
 * clause order, the numbers in a margin gutter. A version read alone marks each clause with its status in that
 * version; read beside the original, each clause's row gains the version's text.
 */

/** The title clause, or a section of consecutive clauses of one part (preamble, operative, annex). */
export type DeclarationPart =
  | { type: 'title'; clause: ClauseJson }
  | { type: 'section'; group: 'preamble' | 'operative' | 'annex'; clauses: ClauseJson[] };

/** The clauses in their parts, in document order: a new section wherever the part changes. */
export function declarationParts(clauses: readonly ClauseJson[]): DeclarationPart[] {
  const parts: DeclarationPart[] = [];
  let section: Extract<DeclarationPart, { type: 'section' }> | undefined;
  for (const clause of clauses) {
    if (clause.kind === 'title') {
      parts.push({ type: 'title', clause });
      continue;
    }
    const group = clause.kind === 'preamble' ? 'preamble' : clause.kind === 'annex' ? 'annex' : 'operative';
    if (section?.group !== group) {
      section = { type: 'section', group, clauses: [] };
      parts.push(section);
    }
    section.clauses.push(clause);
  }
  return parts;
}

/** How screen readers name a clause: "OP3, operative paragraph, status: open". */
export function clauseLabel(clause: ClauseJson): string {
  return t('document.clauseLabel', {
    ref: clause.ref,
    kind: t(`document.kind.${clause.kind}`),
    status: t(`document.status.${clause.status}`),
  });
}

export interface DeclarationProps {
  page: DocumentPageProps;
  /** The version read beside the original, when it is. */
  version?: DocumentJson | undefined;
  /** The features' components beside each clause, and their classes for it. */
  parts: readonly DocumentParts[];
  /** Takes each clause's elements once drawn, for the features that fill them (see `DocumentPage`). */
  register(slots: ClauseSlots): void;
  /** When given, the features' parts beside and under each clause wait for their turn in idle slices (`PartTurns`). */
  turns?: PartTurns | null;
}

export function Declaration({ page, version, parts, register, turns }: DeclarationProps) {
  const { data } = page;
  const drawn = declarationParts(data.clauses);
  const clause = (c: ClauseJson) => (
    <Clause
      key={c.id}
      page={page}
      clause={c}
      version={version?.clauses.find((v) => v.id === c.id)}
      parts={parts}
      register={register}
      turns={turns}
    />
  );
  return (
    <article class="declaration" lang={String(data.metadata.language ?? 'en')}>
      {drawn.some((p) => p.type === 'title') ? null : <h1 class="clause-title">{data.title}</h1>}
      {drawn.map((p) =>
        p.type === 'title' ? (
          clause(p.clause)
        ) : (
          <section
            key={`${p.group}-${p.clauses[0]!.id}`}
            class={`part part-${p.group}`}
            aria-label={p.group === 'annex' ? t('document.kind.annex') : t(`document.${p.group}`)}
          >
            {p.clauses.map(clause)}
          </section>
        ),
      )}
    </article>
  );
}

interface ClauseProps {
  page: DocumentPageProps;
  clause: ClauseJson;
  version: ClauseJson | undefined;
  parts: readonly DocumentParts[];
  register(slots: ClauseSlots): void;
  turns: PartTurns | null | undefined;
}

/**
 * One clause: its number in the gutter, its text, and beside it the features' parts, its status and open
 * brackets. Its element's classes that change (its status, the features') are set one by one, so the classes
 * the editing feature gives it (`is-editable`) stay through a status change.
 */
function Clause({ page, clause, version, parts, register, turns }: ClauseProps) {
  const root = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const props: ClausePartProps = { page, clause };
  useLayoutEffect(() => {
    register({ clause, root: root.current!, body: body.current! });
  }, []);
  const isTitle = clause.kind === 'title';
  useClasses(root, isTitle ? '' : `status-${clause.status}`);
  const partsShown = usePartsTurn(turns);
  const { lang, parallel } = page.choice;
  const alone = lang && !parallel ? lang : null;
  const text = <ClauseText clause={clause} box={body} lang={alone} {...(alone ? { 'data-translated': alone } : {})} />;
  const column = lang && parallel ? <VersionCell lang={lang} clause={version} /> : null;
  const side = (
    <>
      {partsShown ? <ClauseClasses props={props} parts={parts} root={root} /> : null}
      <ClauseAside props={props} parts={parts} alone={alone} partsShown={partsShown} />
      {partsShown ? <ClauseFoot props={props} parts={parts} /> : null}
    </>
  );
  const marks = { id: `clause-${clause.id}`, 'data-clause-id': clause.id, 'data-ref': clause.ref };
  if (isTitle)
    return (
      <div class="clause clause-title-wrap" {...marks} ref={root as RefObject<HTMLDivElement | null>}>
        <h1 class="clause-title">{text}</h1>
        {column}
        {side}
      </div>
    );
  const heading = clause.kind === 'heading' || clause.kind === 'annex';
  const attrs = {
    ...marks,
    class: `clause clause-${clause.kind}`,
    'data-number': clause.number ?? '',
    'aria-label': clauseLabel(clause),
    tabindex: -1,
  };
  const number =
    clause.kind === 'operative' ? (
      <span class="clause-number">{`${clause.number}.`}</span>
    ) : clause.kind === 'preamble' ? (
      <span class="clause-ref" aria-hidden="true">
        {clause.ref}
      </span>
    ) : null;
  // A named section is a region already; an aria-label on a plain div is announced only with a role.
  if (heading)
    return (
      <section {...attrs} ref={root}>
        <h2 class="clause-heading">
          {clause.kind === 'annex' ? `${clause.number} ` : ''}
          {text}
        </h2>
        {column}
        {side}
      </section>
    );
  return (
    <div {...attrs} role="group" ref={root as RefObject<HTMLDivElement | null>}>
      {number}
      {column ? (
        <div class="parallel-row">
          {text}
          {column}
        </div>
      ) : (
        text
      )}
      {side}
    </div>
  );
}

/**
 * Beside a clause's text: the features' parts (from their turn, see `PartTurns`), its status in the version read
 * alone, its status and open brackets.
 */
function ClauseAside({
  props,
  parts,
  alone,
  partsShown,
}: {
  props: ClausePartProps;
  parts: readonly DocumentParts[];
  alone: string | null;
  partsShown: boolean;
}) {
  const { clause } = props;
  return (
    <div class="clause-aside">
      <span class="mount">
        {partsShown ? <Parts of={parts.map((p) => p.clauseAside)} props={props} /> : null}
        {alone ? <TranslationChip status={clause.translation?.status ?? 'missing'} /> : null}
        <StatusBadge status={clause.status} />
        {clause.openBrackets > 0 ? (
          <span class="badge brackets">{t('document.brackets', { count: clause.openBrackets })}</span>
        ) : null}
      </span>
    </div>
  );
}

/**
 * Under a clause's text, the features' parts as the clause's own children (no host between: styles place them
 * as `.clause > …`); what element-drawing features add to the clause goes after them.
 */
/** The parts under a clause's text, as the clause's own last children (styles select `.clause > .tracked-changes`). */
function ClauseFoot({ props, parts }: { props: ClausePartProps; parts: readonly DocumentParts[] }) {
  return <>{parts.map(({ clauseFoot: Foot }, i) => (Foot ? <Foot key={i} {...props} /> : null))}</>;
}

/**
 * The classes the features give a clause (`in-panel`, `is-editable`…), from their hooks. A component of its own,
 * drawing nothing: a feature's state changes (the lists read, an editor made) redraw it, not the clause with
 * its text, parts and gutter. Every clause calls the same hooks in the same order: the features registered
 * before the page was drawn.
 */
function ClauseClasses({
  props,
  parts,
  root,
}: {
  props: ClausePartProps;
  parts: readonly DocumentParts[];
  root: RefObject<HTMLElement | null>;
}) {
  const extra = parts
    .map((p) => p.useClauseClass?.(props))
    .filter(Boolean)
    .join(' ');
  useClasses(root, extra);
  return null;
}

/** Gives `el` the classes in `names` while they are its, without touching the classes others gave it. */
function useClasses(el: RefObject<HTMLElement | null>, names: string): void {
  useLayoutEffect(() => {
    const list = names.split(' ').filter(Boolean);
    el.current?.classList.add(...list);
    return () => el.current?.classList.remove(...list);
  }, [names]);
}

function StatusBadge({ status }: { status: ClauseStatus }) {
  if (status === 'open') return null;
  return <span class={`badge clause-status-badge status-${status}`}>{t(`document.status.${status}`)}</span>;
}

/**
 * A clause's text as the shared schema renders it, drawn once into `box`: the editing feature may then mount
 * its editor there, which Preact never draws over (the element has no children of Preact's).
 */
function ClauseText({
  clause,
  box,
  lang,
  ...rest
}: {
  clause: ClauseJson;
  box?: RefObject<HTMLDivElement | null>;
  lang: string | null;
  'data-translated'?: string;
}) {
  const own = useRef<HTMLDivElement>(null);
  const el = box ?? own;
  useLayoutEffect(() => {
    el.current?.replaceChildren(...renderClauseContent(clause.content, clause.text).childNodes);
  }, []);
  return <div class="clause-content" ref={el} {...(lang ? { lang, dir: directionOf(lang) } : {})} {...rest} />;
}

/**
 * The version's text beside the original's body, with its status: rows stay one per clause, so the two texts
 * line up however long either is.
 */
function VersionCell({ lang, clause }: { lang: string; clause: ClauseJson | undefined }) {
  return (
    <div class="clause-version" lang={lang} dir={directionOf(lang)} data-lang={lang}>
      {clause ? <ClauseText clause={clause} lang={null} /> : null}
      <TranslationChip status={clause?.translation?.status ?? 'missing'} />
    </div>
  );
}
