/**
 * A sent file's name made safe to keep, show and offer back for download: its last path segment only (a name
 * never chooses a folder), Unicode in its composed form (NFC: Vietnamese letters written once, whatever the
 * sender's system), without control, format or bidirectional-override characters (which can disguise
 * "cod.exe" as "exe.doc"), without characters file systems refuse, spaces collapsed, at most 200 characters
 * with its extension kept. An empty result becomes "tep".
 */
import { ATTACHMENT_LIMITS } from '@thidua/contracts';

export function safeFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return 'tep';
  if (cleaned.length <= ATTACHMENT_LIMITS.name) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return [...cleaned.slice(0, cleaned.length - ext.length)].slice(0, ATTACHMENT_LIMITS.name - ext.length).join('') + ext;
}
