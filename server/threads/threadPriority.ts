import fs from 'node:fs';
import os from 'node:os';

/** The lowest priority a thread can give itself: what work beside the event loop runs at by default. */
export const BACKGROUND_NICE = 19;

/**
 * The nice value the threads working beside the event loop take: `BACKGROUND_NICE`, or the operator's
 * `BACKGROUND_NICE` (0 to 19; 0 leaves them at the process's own). Read from the environment, which worker
 * threads inherit, so that each thread can lower itself.
 */
export function backgroundNice(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.BACKGROUND_NICE ?? BACKGROUND_NICE);
  return Number.isInteger(value) && value >= 0 && value <= 19 ? value : BACKGROUND_NICE;
}

/**
 * Lowers the calling thread's own priority to `nice` (`backgroundNice()`), so that on a machine whose cores are
 * all busy (a PDF of a long text is seconds of one core) the thread that carries everyone's keystrokes goes
 * first. Linux applies setpriority on a thread id to that thread alone (not the process): the id comes from
 * /proc/thread-self. Elsewhere, where it is not allowed, or for 0, nothing changes. Returns the thread id
 * lowered, or null.
 */
export function lowerThreadPriority(nice = backgroundNice()): number | null {
  if (process.platform !== 'linux' || nice === 0) return null;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    os.setPriority(tid, nice);
    return tid;
  } catch {
    return null;
  }
}

/**
 * The nice value of each thread of this process, by thread id, from /proc/self/task/<tid>/stat (Linux only;
 * empty elsewhere): how a test or an operator sees that the background threads really yield.
 */
export function threadNiceValues(): Map<number, number> {
  const nice = new Map<number, number>();
  if (process.platform !== 'linux') return nice;
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at the 3rd; nice is the 19th.
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}
