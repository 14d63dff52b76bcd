import { BIDI_CONTROLS, redactSecrets, sanitizeTerminal, ZERO_WIDTH } from '../redact';

// A GitHub Actions runner reads every line a step prints (stdout and stderr) as a possible workflow
// command (actions/runner, ActionCommand.cs and ActionCommandManager.cs):
//   - `::name props::data` when the line, after its leading white space is trimmed, starts with `::`
//     and `name` is a registered command (add-mask, set-output, stop-commands, error, group, ...);
//   - the legacy `##[name props]data` anywhere in the line, tried when the first form does not parse.
// Lines end at LF, CR or CRLF. Text from scanned code must never form either, or a pull request could
// mask values, forge annotations, or switch off command processing for the rest of the step.

// Leading characters the runner's TrimStart drops (.NET white space: \s and U+0085).
const LINE_START_COMMAND = /(^|[\r\n])([\s\u0085]*)::/g;

/**
 * Line-oriented text (the scan table, the bill, check findings, the diff): a line that would start
 * with `::` gets a backslash before it (`\::error::x.ts`), and `##[` is written `##\[`. Both are
 * visible, so a reader sees that the text was escaped; tollgate's text formats never write a
 * command themselves.
 */
export function inertText(text: string): string {
  return text.replace(LINE_START_COMMAND, '$1$2\\::').replace(/##\[/g, '##\\[');
}

// Escaped in JSON strings: what a terminal would act on or reorder when the file is printed.
const JSON_INERT = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029]|${BIDI_CONTROLS.source}|${ZERO_WIDTH.source}`, 'g');
const hex4 = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * Serialised JSON (the JSON report, SARIF) printed to a runner's log: every line starts with a quote
 * or a bracket, so only the legacy `##[` can form a command; it is written `##\u005b`. DEL, C1
 * controls, line separators, bidi controls and zero-width characters become \uXXXX escapes too, so
 * a terminal that shows the file neither moves nor reorders text. The parsed values are unchanged.
 */
export function inertJson(json: string): string {
  return json.replace(/##\[/g, '##\\u005b').replace(JSON_INERT, hex4);
}

/**
 * An error or status message for stderr that may quote scanned input (a config key, a git ref, a
 * file name): redacted, sanitised, and inert like the text reports. The runner reads stderr too.
 */
export function inertMessage(text: string): string {
  return inertText(sanitizeTerminal(redactSecrets(text)));
}
