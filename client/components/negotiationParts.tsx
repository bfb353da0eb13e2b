import type { AmendmentJson } from '../../shared/api/amendments.js';
import { countryName } from '../../shared/domain/countries.js';
import type { WordDiff } from '../../shared/domain/wordDiff.js';
import { currentLanguage } from '../i18n/index.js';
import { CountryFlag } from './flag.js';
import { nt } from './negotiationKit.js';

/**
 * The small pieces negotiation's views draw with (the page, the clause panel, the compilation, revisions, the
 * delegation's ballot): a delegation, a word diff, plain text as paragraphs, a tracked change. Every text is a
 * text node: nothing in a proposal can become markup.
 */

/** A delegation as people read it: its flag and code, the country's name as the abbreviation's title. */
export function DelegationTag({ code }: { code: string }) {
  return (
    <abbr class="delegation" title={countryName(code, currentLanguage())}>
      <CountryFlag code={code} />
    </abbr>
  );
}

/** A run of inserted or deleted words, which screen readers hear with "inserted"/"deleted" before it. */
function Change({ op, text }: { op: 'insert' | 'delete'; text: string }) {
  const Tag = op === 'insert' ? 'ins' : 'del';
  return (
    <Tag>
      <span class="visually-hidden">{`${nt(op === 'insert' ? 'diff.inserted' : 'diff.deleted')} `}</span>
      {text}
    </Tag>
  );
}

/** A word diff as text with `<del>` and `<ins>` runs. */
export function Diff({ diff, class: className = 'word-diff' }: { diff: WordDiff; class?: string }) {
  return (
    <div class={className}>
      {diff.map((part) => (part.op === 'equal' ? part.text : <Change op={part.op} text={part.text} />))}
    </div>
  );
}

/** Plain text as paragraphs, one per line. */
export function Paragraphs({ text, class: className = 'plain-text' }: { text: string; class?: string }) {
  return (
    <div class={className}>
      {text.split('\n').map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}

/** An amendment on a span as a tracked change: its words struck, the proposed ones underlined. */
export function SpanChange({ amendment: a }: { amendment: AmendmentJson }) {
  const quote = a.span?.quote ?? '';
  const words = a.kind === 'delete' ? '' : (a.textPlain ?? '');
  return (
    <span class="word-diff tracked-change">
      {quote ? <Change op="delete" text={quote} /> : null}
      {words ? <Change op="insert" text={words} /> : null}
    </span>
  );
}

/** A choice of one among `kinds` as radio buttons in a fieldset; `pick` is told the one the person checks. */
export function KindChoice<K extends string>({
  legend,
  name,
  kinds,
  checked,
  label,
  pick,
}: {
  legend: string;
  name: string;
  kinds: readonly K[];
  checked: K;
  label(kind: K): string;
  pick(kind: K): void;
}) {
  return (
    <fieldset class="kinds">
      <legend>{legend}</legend>
      {kinds.map((k) => (
        <label key={k}>
          <input type="radio" name={name} value={k} checked={k === checked} onChange={() => pick(k)} /> {label(k)}
        </label>
      ))}
    </fieldset>
  );
}

/** The required rationale of a proposal, its text kept by `type`. */
export function RationaleField(props: { id: string; value: string; class?: string; type(value: string): void }) {
  return (
    <div class="field">
      <label for={props.id}>{nt('amendments.rationale')}</label>
      <textarea
        id={props.id}
        rows={3}
        class={props.class}
        required
        value={props.value}
        onInput={(e) => props.type(e.currentTarget.value)}
      />
    </div>
  );
}
