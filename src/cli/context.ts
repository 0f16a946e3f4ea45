/** What a command may touch besides its arguments; `main.ts` fills it from `process`. */
import type { ProgramIo } from '../runtime/program-io.js';
import type { Env } from '../runtime/types.js';
import type { Output } from './report.js';

export interface CliContext {
  /** Environment variables (credentials, `<PREFIX>_BASE_URL`, `<PREFIX>_HTTP_TOKEN`). */
  env: Env;
  /** Folder relative spec paths resolve against. */
  cwd: string;
  output: Output;
  /**
   * Signals, exit code and exit for the server program `serve` runs (its lines
   * go to `output.err`).
   * @default the real process
   */
  process?: Pick<ProgramIo, 'onSignal' | 'setExitCode' | 'exit'>;
}
