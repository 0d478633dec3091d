/**
 * Progress of a collection: resources, pages, retries and the rate, drawn on
 * one line of stderr when stderr is a terminal and silent otherwise.
 */
import cliProgress from 'cli-progress';

export interface ProgressCounts {
  resources: number;
  pages: number;
  retries: number;
}

export interface Progress {
  resources(n?: number): void;
  page(n?: number): void;
  retry(n?: number): void;
  /** What is being read now, e.g. `123456789012/eu-west-1`. */
  scope(name: string): void;
  readonly counts: ProgressCounts;
  stop(): void;
}

export interface ProgressOptions {
  /** Draw even when stderr is not a terminal (tests); default: only on a TTY. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  force?: boolean;
  label?: string;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const counts: ProgressCounts = { resources: 0, pages: 0, retries: 0 };
  const draw = options.force === true || stream.isTTY === true;
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let scope = '';
  const payload = () => ({
    label: options.label ?? 'collect',
    scope,
    pages: counts.pages,
    retries: counts.retries,
    rate: Math.round(counts.resources / Math.max(0.001, (Date.now() - started) / 1000)),
  });
  if (draw) {
    bar = new cliProgress.SingleBar({
      stream,
      format: '{label} {scope} | resources {value} | pages {pages} | retries {retries} | {rate}/s',
      noTTYOutput: options.force === true,
      notTTYSchedule: 200,
      fps: 5,
      hideCursor: false,
      clearOnComplete: false,
    });
    bar.start(0, 0, payload());
  }
  const refresh = () => bar?.update(counts.resources, payload());
  return {
    counts,
    resources(n = 1) { counts.resources += n; refresh(); },
    page(n = 1) { counts.pages += n; refresh(); },
    retry(n = 1) { counts.retries += n; refresh(); },
    scope(name: string) { scope = name; refresh(); },
    stop() {
      if (!bar) return;
      refresh();
      bar.stop();
      bar = undefined;
    },
  };
}
