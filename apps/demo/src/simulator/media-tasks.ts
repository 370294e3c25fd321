import { createHash } from 'node:crypto';

/** One simulated upstream task (Midjourney or video): its progress is a function of the time since it started. */
export interface SimTask {
  id: string;
  format: 'midjourney' | 'sora';
  /** Midjourney task action (`IMAGINE`, `UPSCALE`…) or `VIDEO` / `REMIX`. */
  action: string;
  prompt: string;
  /** What the picture derives from (the prompt, plus the parent grid cell for an upscale). */
  seed: string;
  model?: string;
  state?: string;
  parentId?: string;
  /** Grid cell (1-based) a per-image action applies to. */
  index?: number;
  /** Video parameters. */
  seconds?: string;
  size?: string;
  /** Waiting for `/submit/modal` (Vary Region, Custom Zoom). */
  modal?: boolean;
  /** When it started running, ms (reset when a modal is confirmed). */
  startedMs: number;
  /** Ends in failure (a `[sim:fail]` prompt). */
  fails: boolean;
  deleted?: boolean;
}

/** Where a simulated task is: queued first, then rising progress, then done. */
export interface SimProgress {
  status: 'queued' | 'in-progress' | 'succeeded' | 'failed';
  progress: number;
  startedMs?: number;
  finishedMs?: number;
}

/** Steps a task takes: one queued, three in progress (25, 50, 75 %), then the end. */
const STEPS = 5;

/** The current state of a task, with `stepMs` between steps. */
export function progressOf(task: SimTask, stepMs: number, now = Date.now()): SimProgress {
  if (task.modal) return { status: 'queued', progress: 0 };
  const step = Math.floor((now - task.startedMs) / stepMs);
  if (step < 1) return { status: 'queued', progress: 0 };
  const startedMs = task.startedMs + stepMs;
  if (step < STEPS - 1) return { status: 'in-progress', progress: step * 25, startedMs };
  return {
    status: task.fails ? 'failed' : 'succeeded',
    progress: 100,
    startedMs,
    finishedMs: task.startedMs + (STEPS - 1) * stepMs,
  };
}

/** The in-memory task table of the simulator (a simulated upstream forgets on restart, as a test double may). */
export class SimTasks {
  private readonly tasks = new Map<string, SimTask>();
  private counter = 0;

  /** Adds a task and returns it with its new id. */
  add(task: Omit<SimTask, 'id' | 'startedMs' | 'fails'>): SimTask {
    this.counter += 1;
    const id =
      task.format === 'midjourney'
        ? `${Date.now()}${String(this.counter % 1000).padStart(3, '0')}`
        : // The prompt's hash leads the id: the video can be drawn again from the id alone, after a restart too.
          `video_${hex(task.seed).slice(0, 12)}${hex(`${Date.now()}:${this.counter}`).slice(0, 20)}`;
    const full: SimTask = { ...task, id, startedMs: Date.now(), fails: task.prompt.includes('[sim:fail]') };
    this.tasks.set(id, full);
    return full;
  }

  /** A task by id (deleted ones are gone). */
  get(id: string): SimTask | undefined {
    const task = this.tasks.get(id);
    return task && !task.deleted ? task : undefined;
  }

  /** Every live task of a format, oldest first. */
  all(format: SimTask['format']): SimTask[] {
    return [...this.tasks.values()].filter((task) => task.format === format && !task.deleted);
  }
}

function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a simulated video is drawn from: the prompt hash its id starts with. */
export function videoSeed(id: string): string {
  return id.slice(6, 18);
}

/** Midjourney's job hash of a task: what its buttons' customIds carry. */
export function jobHash(id: string): string {
  const hex = createHash('sha256').update(`job:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
