import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { ColumnId } from '../../url-state/view-state.ts';
import { cellText, columnLabel } from '../columns/cell-text.ts';

export interface CsvOptions {
  /** The visible columns, in the order the table shows them. */
  columns: readonly ColumnId[];
  /** The view's zone (`UTC` or IANA); times are written as the table shows them, zone included. */
  timeZone: string;
  /** Start with a UTF-8 byte order mark, so Excel reads non-ASCII text correctly. */
  bom?: boolean;
}

/** Header of the column that marks demo events (`true`/`false`); always the last column. */
export const CSV_DEMO_HEADER = 'Demo';

/*
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`,
 * and a leading TAB or CR can hide such a start. A cell is guarded when its leading blanks (whitespace,
 * control and invisible format characters: zero-width, BOM, bidi marks) contain a TAB or CR, or are followed
 * by `=`, `+`, `-`, `@` or their full-width forms `＝＋－＠` (some spreadsheets fold those to ASCII). The guard
 * is a leading `'`; nothing else in the cell changes, so the data stays exact (a negative number reads as text).
 */
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** `needsFormulaGuard('  =1+1')` → true; `needsFormulaGuard('a=1')` → false. */
export function needsFormulaGuard(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** `guardFormula('=HYPERLINK("x")')` → `'=HYPERLINK("x")`; safe text is returned unchanged. */
export function guardFormula(cell: string): string {
  return needsFormulaGuard(cell) ? `'${cell}` : cell;
}

/** RFC 4180 field: `quoteField('a "b", c')` → `"a ""b"", c"`; quoted only when it must be. */
export function quoteField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Control characters become visible `⟨U+001B⟩` markers, so a CSV shown with `cat` or `less -R` cannot
 * rewrite the terminal: ESC and the 8-bit CSI/OSC introducers (escapes, OSC 8 links), and also a backspace
 * or a lone CR, which print over what came before (`mallory\b\b\b\b\b\b\balice` shows as `alice`), NUL and
 * DEL. Tabs, line feeds and CRLF line breaks inside a value stay, quoted.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/g;

export function neutraliseEscapes(cell: string): string {
  return cell.replace(
    TERMINAL_ESCAPE,
    (char) => `⟨U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

function csvRow(cells: readonly string[]): string {
  return cells.map((cell) => quoteField(guardFormula(neutraliseEscapes(cell)))).join(',');
}

/**
 * The current view as RFC 4180 CSV, in parts (one per row) for a Blob: a million rows can be more text than
 * one string may hold. A header of the table's labels, one row per event in the given order, the visible
 * columns plus a final `Demo` column, CRLF line ends (a CRLF after the last row too).
 *
 * @example csvParts(events, { columns: ['time', 'action'], timeZone: 'UTC' }).join('')
 * // 'Time (UTC),Action,Demo\r\n2026-11-24 21:30:00 UTC,api_key.created,true\r\n'
 */
export function csvParts(events: readonly AuditEvent[], options: CsvOptions): string[] {
  const { columns, timeZone } = options;
  const header = csvRow([...columns.map((column) => columnLabel(column, timeZone)), CSV_DEMO_HEADER]);
  const parts = [`${options.bom ? '\uFEFF' : ''}${header}\r\n`];
  for (const event of events) {
    parts.push(
      `${csvRow([...columns.map((column) => cellText(event, column, timeZone)), event.demo ? 'true' : 'false'])}\r\n`,
    );
  }
  return parts;
}
