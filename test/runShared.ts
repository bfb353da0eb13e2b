/**
 * What the global setups of several projects share for the whole run. Every project runs its global setup
 * (those of `vitest.config.ts` with `extends: true` inherit the root's), one after another in vitest's process,
 * each importing the setup modules afresh: a thing kept in a module would be made once per project. So it is
 * kept on `globalThis`, made by the first project that asks, and ended when the last one gives it back.
 */
interface Entry {
  made: Promise<unknown>;
  holders: number;
}

const registry = globalThis as { [key: symbol]: Entry | undefined };

/** The run's `name`, made by `make` on first call; `release()` ends it with `end` once every taker gave it back. */
export async function takeShared<T>(
  name: string,
  make: () => Promise<T>,
  end: (value: T) => Promise<void>,
): Promise<{ value: T; release(): Promise<void> }> {
  const key = Symbol.for(`accord.test.${name}`);
  const entry = (registry[key] ??= { made: make(), holders: 0 });
  entry.holders += 1;
  let value: T;
  try {
    value = (await entry.made) as T;
  } catch (error) {
    if (--entry.holders === 0) delete registry[key];
    throw error;
  }
  let released = false;
  return {
    value,
    async release() {
      if (released) return;
      released = true;
      if (--entry.holders > 0) return;
      delete registry[key];
      await end(value);
    },
  };
}
