import { createHash } from 'crypto';
import * as fs from 'fs';
import { escapeData, escapeProperty } from '../shared/reporters/github';
import { redactSecrets } from '../shared/redact';

// The runner protocol, without @actions/core: workflow commands on stdout, outputs and the job
// summary appended to the files the runner names in GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.

export interface AnnotationProps {
  file?: string;
  line?: number;
  title?: string;
}

export class Runner {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
  ) {}

  log(text: string): void {
    this.write(text.endsWith('\n') ? text : text + '\n');
  }

  private command(name: string, message: string, props: AnnotationProps = {}): void {
    const parts: string[] = [];
    if (props.file) parts.push(`file=${escapeProperty(props.file)}`);
    if (props.file && props.line) parts.push(`line=${props.line}`);
    if (props.title) parts.push(`title=${escapeProperty(props.title)}`);
    this.log(`::${name}${parts.length ? ' ' + parts.join(',') : ''}::${escapeData(redactSecrets(message))}`);
  }

  notice(message: string, props?: AnnotationProps): void {
    this.command('notice', message, props);
  }

  warning(message: string, props?: AnnotationProps): void {
    this.command('warning', message, props);
  }

  error(message: string, props?: AnnotationProps): void {
    this.command('error', message, props);
  }

  /**
   * Prints text that came from scanned code inside a collapsed group, with workflow commands switched
   * off: a line in a prompt that reads `::error::` or `::add-mask::` stays text. The resume token is a
   * hash of the text itself, which the text cannot contain, and keeps the log deterministic.
   */
  untrustedGroup(title: string, text: string): void {
    const token = 'tollgate-' + createHash('sha256').update(text).digest('hex').slice(0, 32);
    this.log(`::group::${escapeData(title)}`);
    this.log(`::stop-commands::${token}`);
    if (text) this.log(text);
    this.log(`::${token}::`);
    this.log('::endgroup::');
  }

  /** One output; values are single lines this action writes itself (numbers, booleans, a path). */
  setOutput(name: string, value: string): void {
    if (/[\r\n]/.test(value)) throw new Error(`output ${name} must be one line`);
    const file = this.env.GITHUB_OUTPUT;
    if (file) fs.appendFileSync(file, `${name}=${value}\n`);
    // Outside a runner (a local try-out) the outputs are at least visible.
    else this.log(`output ${name}=${value}`);
  }

  appendSummary(markdown: string): void {
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (file) fs.appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + '\n');
  }
}
