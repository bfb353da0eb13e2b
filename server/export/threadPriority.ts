import fs from 'node:fs';
import os from 'node:os';

/**
 * Lowers the calling thread's priority to the lowest (nice 19), for worker threads doing long work beside the
 * event loop: on a machine whose cores are all busy, the thread that carries everyone's keystrokes goes first.
 * Linux lets one thread lower its own priority by its thread id (from /proc/thread-self); elsewhere, or if not
 * allowed, this does nothing.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 19);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
