import { isMainThread } from 'worker_threads';
import { runAction } from './run';

// The bundle's entry (action/dist/index.js). The same file serves the scan's worker threads:
// action/dist/scan-worker.js loads it off the main thread, where it becomes the core's scan worker.

if (isMainThread) {
  runAction(process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stdout.write(`::error::tollgate: internal error: ${String((err as Error)?.stack ?? err).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
      process.exitCode = 1;
    },
  );
} else {
  require('../shared/scan-worker');
}
