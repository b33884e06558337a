/**
 * Quoting data inside a message. A file or payload decides what a message
 * would echo, so a message shows at most `max` characters of it (with an
 * ellipsis) and control characters escaped: a 30 MB cell makes no 30 MB
 * message, and ANSI or OSC escape codes never reach a terminal as escapes.
 */

export const QUOTE_MAX = 80;

// C0 and C1 controls, DEL, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` cut to `max` characters (an ellipsis marks the cut), controls escaped; no quotes added. */
export function clip(text: string, max = QUOTE_MAX): string {
  const cut = text.length > max ? `${[...text.slice(0, max + 1)].slice(0, max - 1).join('')}…` : text;
  return cut.replace(CONTROL, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** `text` in double quotes, cut and escaped as `clip` does. */
export function quote(text: string, max = QUOTE_MAX): string {
  return `"${clip(text, max).replace(/"/g, '\\"')}"`;
}

/** Any value from a file as a short JSON-like excerpt: strings quoted, and never more than `max` characters built. */
export function excerpt(value: unknown, max = QUOTE_MAX): string {
  if (value === undefined) return 'nothing';
  let out = '';
  const room = () => out.length <= max;
  const write = (v: unknown, depth: number): void => {
    if (!room()) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > max ? v.slice(0, max + 1) : v);
    else if (v === null || typeof v !== 'object') out += typeof v === 'number' || typeof v === 'boolean' ? String(v) : 'null';
    else if (depth > 8) out += Array.isArray(v) ? '[…]' : '{…}';
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && room(); i++) {
        if (i) out += ',';
        write(v[i], depth + 1);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key) || !room()) continue;
        out += `${first ? '' : ','}${JSON.stringify(key.length > max ? key.slice(0, max + 1) : key)}:`;
        first = false;
        write((v as Record<string, unknown>)[key], depth + 1);
      }
      out += '}';
    }
  };
  write(value, 0);
  return clip(out, max);
}

/**
 * A whole message made safe to show: at most `max` characters, and control
 * characters other than line breaks and tabs escaped. The last guard where
 * messages leave (a reply, the terminal); quoting with `quote` comes first.
 */
export function safeMessage(text: string, max = 4000): string {
  const cut = text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Output made safe for a terminal, whole: control characters other than line breaks and tabs escaped, nothing cut. */
export function escapeControls(text: string): string {
  return safeMessage(text, Infinity);
}
