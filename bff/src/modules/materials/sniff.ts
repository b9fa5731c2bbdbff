/**
 * The file types a resident may upload, recognised by their first bytes: the
 * declared content type and the file name are the client's word, the bytes
 * are the truth. Only these four are accepted, so a short allowlist of magic
 * numbers is all the detection needed.
 */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);

export function sniffType(buf: Buffer): AcceptedType | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

const EXTENSIONS: Record<AcceptedType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
};

/**
 * False for a file name no phone or browser sends: one with a directory part,
 * a name of dots only, or control characters. Such names are refused rather than cleaned.
 */
export function isPlainFilename(name: string | undefined): boolean {
  if (name === undefined || name === '') return true;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[\\/\u0000-\u001f\u007f]/.test(name) && !/^\.+$/.test(name);
}

/**
 * A display name that is safe anywhere: no directories, no control or
 * separator characters, bounded length, and the extension of the real type.
 */
export function safeFilename(original: string | undefined, type: AcceptedType): string {
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?;]/g, '')
    .replace(/^\.+/, '')
    .trim();
  const stem = cleaned.replace(/\.[^.]*$/, '').slice(0, 80) || 'file';
  return `${stem}${EXTENSIONS[type]}`;
}
