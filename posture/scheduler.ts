/**
 * Runs the stored scan schedules (store/schedules.ts) with croner: one job per
 * enabled target. A tick while a scan of the target still runs — here or in
 * another process or replica — is skipped (the store's target lock says so),
 * never queued behind it.
 */
import { Cron } from 'croner';
import { errorMessage, isParapetError } from '../common/errors.js';
import type { Store } from '../store/index.js';
import type { Schedule } from '../store/schedules.js';
import type { ScanRecord } from '../store/scans.js';
import { runScan } from './scan.js';

export interface SchedulerEvents {
  onScan?: (schedule: Schedule, scan: ScanRecord) => void;
  /** A tick skipped because a scan of the target was running. */
  onSkip?: (schedule: Schedule, reason: string) => void;
  onError?: (schedule: Schedule, error: unknown) => void;
}

export class Scheduler {
  private jobs = new Map<string, Cron>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly events: SchedulerEvents = {},
  ) {}

  /** (Re)loads the schedules from the store and starts their jobs. */
  async start(): Promise<void> {
    this.stopJobs();
    for (const schedule of await this.store.schedules.list({ enabledOnly: true })) {
      const job = new Cron(schedule.cron, { protect: true, unref: true, name: `scan:${schedule.target}` }, () => this.tick(schedule));
      this.jobs.set(schedule.target, job);
    }
  }

  /** When each target's next scan is due. */
  nextRuns(): Record<string, Date | null> {
    return Object.fromEntries([...this.jobs].map(([target, job]) => [target, job.nextRun()]));
  }

  private tick(schedule: Schedule): Promise<void> {
    const run = (async () => {
      try {
        const { scan } = await runScan({ store: this.store, target: schedule.target, trigger: 'schedule', ...schedule.spec });
        await this.store.schedules.recordRun(schedule.target, scan.id);
        this.events.onScan?.(schedule, scan);
      } catch (err) {
        if (isParapetError(err, 'scan_locked')) this.events.onSkip?.(schedule, errorMessage(err));
        else {
          await this.store.schedules.recordRun(schedule.target, null).catch(() => undefined);
          this.events.onError?.(schedule, err);
        }
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  private stopJobs(): void {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
  }

  /** Stops the jobs and waits for the scans they started. */
  async stop(): Promise<void> {
    this.stopJobs();
    await Promise.allSettled([...this.running]);
  }
}
