/** What a command may touch besides its arguments; `main.ts` fills it from `process`. */
import type { RunningServer } from '../runtime/serve.js';
import type { Env } from '../runtime/types.js';
import type { Output } from './report.js';

export interface CliContext {
  /** Environment variables (credentials, `<PREFIX>_BASE_URL`, `<PREFIX>_HTTP_TOKEN`). */
  env: Env;
  /** Folder relative spec paths resolve against. */
  cwd: string;
  output: Output;
  /** Called once `serve` is accepting clients, so the caller can close it on a signal. */
  onRunning?: (server: RunningServer) => void;
}
