// Text that came from a kernel log or a module's source is hostile: a module can name a
// file `<img src=x onerror=...>.c`, a function `@everyone`, or log `| ](javascript:...)`.
// These helpers make such text render literally in GitHub-flavoured Markdown.

const ZERO_WIDTH_SPACE = '\u200b';

/** Escapes text for use inline in Markdown, including inside a table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()!|~$]/g, (c) => `\\${c}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Escapes text for use between <pre> and </pre> (an HTML block: no Markdown inside). */
export function escapePreformatted(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    // A blank line would end the HTML block and let Markdown resume.
    .replace(/\n(?=\n)/g, '\n ');
}

/**
 * A URL made safe to put inside `[text](url)`: only http(s), and the characters that
 * could close the link or start HTML are percent-encoded.
 */
export function safeLinkTarget(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'`\\ \[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
