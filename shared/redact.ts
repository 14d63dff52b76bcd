// Strings from scanned code can hold credentials; nothing we print or serialise shows them.

const SECRET_PATTERNS: RegExp[] = [
  /\bsk-(?:ant-|proj-|or-v1-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bgsk_[A-Za-z0-9]{20,}/g,
  /\bhf_[A-Za-z0-9]{30,}/g,
  /\bpk-lf-[A-Za-z0-9-]{20,}|\bsk-lf-[A-Za-z0-9-]{20,}/g,
  /\b(Bearer)\s+[A-Za-z0-9._~+/-]{20,}=*/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) {
    re.lastIndex = 0;
    out = out.replace(re, (m, bearer) => (typeof bearer === 'string' && bearer === 'Bearer' ? 'Bearer [REDACTED]' : '[REDACTED]'));
  }
  return out;
}

/** Removes terminal control sequences and other control characters (keeps newlines and tabs). */
export function sanitizeTerminal(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
