import fs from 'node:fs';
import os from 'node:os';

/** The lowest priority a thread can give itself: what work beside the event loop runs at. */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's own priority to `BACKGROUND_NICE`, so that on a machine whose cores are all busy
 * (a PDF of a long text is seconds of one core) the thread that carries everyone's keystrokes goes first.
 * Linux applies setpriority on a thread id to that thread alone (not the process): the id comes from
 * /proc/thread-self. Elsewhere, or where it is not allowed, nothing changes. Returns the thread id lowered,
 * or null.
 */
export function lowerThreadPriority(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    os.setPriority(tid, BACKGROUND_NICE);
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
