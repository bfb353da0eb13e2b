/**
 * What the benchmarks read from /proc (Linux): CPU seconds of a process, of a process tree and of the whole
 * machine, and a process's memory.
 */
import fs from 'node:fs';

/** Seconds per clock tick (CLK_TCK is 100 on Linux). */
const TICK = 1 / 100;

/** utime, stime, cutime and cstime of a process, in seconds (its threads, and children it has reaped). */
function statCpu(pid: number): { own: number; withChildren: number; ppid: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = (Number(f[11]) + Number(f[12])) * TICK;
  return { own, withChildren: own + (Number(f[13]) + Number(f[14])) * TICK, ppid: Number(f[1]) };
}

/** CPU seconds (user + system) so far of one process, all its threads; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  return statCpu(pid)?.own ?? Number.NaN;
}

/**
 * CPU seconds so far of a process and all its descendants, including those already reaped (PostgreSQL: the
 * postmaster, every backend, the WAL writer, the checkpointer…). A backend that exits between two readings
 * moves its time into its parent's reaped-children count, so differences stay right.
 */
export function treeCpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = statCpu(Number(entry));
    if (!s) continue;
    cpu.set(Number(entry), s.withChildren);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** CPU seconds all cores of the machine have spent busy so far (everything but idle and I/O wait). */
export function machineBusySeconds(): number {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK;
}

/** Resident and peak resident memory of a process, in MiB. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
