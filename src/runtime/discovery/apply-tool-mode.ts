/** `--tools`: the caller whose tools a server publishes, in the mode asked for or the one `auto` picks. */
import { chooseToolMode, type ToolModeChoice } from '../choose-tool-mode.js';
import type { ToolMode } from '../tool-mode.js';
import type { ToolCaller } from '../types.js';
import { createDiscoveryCaller } from './create-discovery-caller.js';

/** The caller to serve, and the mode it is in (with `auto`'s reason). */
export interface ToolModeOutcome {
  caller: ToolCaller;
  mode: 'all' | 'discovery';
  /** Why: `auto`'s measurement, or that the mode was asked for. */
  reason: string;
}

/** `caller` as it is (`all`), wrapped in discovery mode, or whichever of the two `auto` picks from its tools. */
export function applyToolMode(caller: ToolCaller, mode: ToolMode): ToolModeOutcome {
  const choice: Pick<ToolModeChoice, 'mode' | 'reason'> =
    mode === 'auto' ? chooseToolMode(caller.tools) : { mode, reason: `--tools ${mode}` };
  return {
    caller: choice.mode === 'discovery' ? createDiscoveryCaller(caller) : caller,
    mode: choice.mode,
    reason: choice.reason,
  };
}
