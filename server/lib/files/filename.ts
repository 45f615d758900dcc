import { allowedKinds, type FileKind } from './file-kind.ts';

const MAX_CHARS = 100;
const MAX_BYTES = 200;

/**
 * A stored file name: the last path segment only, without control or
 * invisible formatting characters (bidi overrides that turn `exe.pdf` into
 * `fdp.exe`), without characters Windows refuses, at most 100 characters and
 * 200 UTF-8 bytes, and ending in the extension of what the file really is.
 */
export function sanitizeFilename(raw: string, kind: FileKind): string {
  let name = raw.normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const extensions: readonly string[] = allowedKinds[kind].extensions;
  const ext = extensions.includes(given) ? given : kind;
  // A wrong extension that looks like one is replaced (报告.exe → 报告.pdf); anything else stays in the name.
  let stem = extensions.includes(given) || /^[a-z0-9]{1,4}$/.test(given) ? name.slice(0, dot) : name;
  stem = stem.replace(/[\s.]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  let chars = Array.from(stem).slice(0, MAX_CHARS - ext.length - 1);
  while (chars.length && Buffer.byteLength(`${chars.join('')}.${ext}`) > MAX_BYTES)
    chars = chars.slice(0, -1);
  return `${chars.join('').trim() || 'file'}.${ext}`;
}
