import type { AttributionAuthor, AttributionResponse } from '../../shared/api/revisions.js';
import { t } from '../i18n/index.js';
import { nt } from './negotiationKit.js';
import { DelegationTag } from './negotiationParts.js';

/**
 * A stable, readable colour per author: light backgrounds (dark text stays above 7:1) spread around the hue
 * circle by a hash of the delegation code, so a delegation keeps its colour on every clause and every visit.
 */
export function authorColour(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = (hash * 137.508) % 360;
  return `hsl(${hue.toFixed(0)} 75% 86%)`;
}

function AuthorLabel({ author }: { author: AttributionAuthor }) {
  if (author.delegation) return <DelegationTag code={author.delegation} />;
  return <>{author.role ? t(`roles.${author.role}`) : nt('attribution.unknown')}</>;
}

/**
 * Who wrote what in one clause: each run of text on the colour of its author, with the author also in a
 * tooltip and for screen readers, and a legend. Text older than the chosen revision stays uncoloured.
 */
export function Attribution({ data }: { data: AttributionResponse }) {
  const byKey = new Map(data.authors.map((a) => [a.key, a]));
  const nameOf = (key: string): string => {
    const author = byKey.get(key);
    return author?.delegation ?? (author?.role ? (t(`roles.${author.role}`) as unknown as string) : key);
  };
  return (
    <div class="attribution">
      <ul class="attribution-legend" aria-label={nt('attribution.legend')}>
        {data.authors.map((a) => (
          <li key={a.key} data-author={a.key}>
            <span class="swatch" style={{ backgroundColor: authorColour(a.key) }} aria-hidden="true" />{' '}
            <AuthorLabel author={a} />
          </li>
        ))}
        {data.since ? (
          <li>
            <span class="swatch swatch-old" aria-hidden="true" /> {nt('attribution.before', { name: data.since.name })}
          </li>
        ) : null}
      </ul>
      <div class="attribution-text">
        {data.blocks.map((block, i) => (
          <p key={i} class="attribution-block" style={{ paddingLeft: `${block.depth * 2}rem` }}>
            {block.label ? <span class="sub-label">{`${block.label} `}</span> : null}
            {block.runs.map((run) =>
              run.author ? (
                <span
                  class="run"
                  data-author={run.author}
                  title={nameOf(run.author)}
                  style={{ backgroundColor: authorColour(run.author) }}
                >
                  <span class="visually-hidden">{`[${nameOf(run.author)}] `}</span>
                  {run.text}
                </span>
              ) : (
                <span class="run run-old">{run.text}</span>
              ),
            )}
          </p>
        ))}
      </div>
    </div>
  );
}
