import { useEffect, useReducer, useState } from 'preact/hooks';

/** A feed of one part of a meeting (`FloorFeed`, `RollFeed`, `SilenceFeed`): read once, followed, let go. */
export interface Feed {
  load(): Promise<void>;
  destroy(): void;
}

/**
 * A feed for a Preact component's life: made with the component (told to draw it again on each change), read
 * once it is mounted, and let go when it leaves.
 */
export function useFeed<F extends Feed>(make: (changed: () => void) => F): F {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [feed] = useState(() => make(() => redraw(0)));
  useEffect(() => {
    void feed.load();
    return () => feed.destroy();
  }, [feed]);
  return feed;
}

/** Draws the component again every second while it is shown (a clock), without drawing the screen around it. */
export function useEverySecond(running = true): void {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick(0), 1000);
    return () => clearInterval(timer);
  }, [running]);
}
