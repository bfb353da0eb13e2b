/** Text for the hostile-load benchmark: clauses exactly at the clause limit, in the declaration's languages. */

const WORDS =
  'inclusive education for every learner States shall ensure access quality teachers schools rights children disabilities білім беру құқығы мектеп ta’lim huquqi образование'.split(
    ' ',
  );

/** A clause of exactly `chars` characters (default 20,000, the clause limit) of words, the same for a seed. */
export function maxClauseText(seed: number, chars = 20_000): string {
  let out = '';
  for (let x = seed >>> 0 || 1; out.length < chars + 20;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += `${WORDS[x % WORDS.length]} `;
  }
  return `${out
    .slice(0, chars - 1)
    .trimEnd()
    .padEnd(chars - 1, 'x')}.`;
}
