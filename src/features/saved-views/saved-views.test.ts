import { describe, expect, it } from 'vitest';
import {
  deleteView,
  exportSavedViews,
  importSavedViews,
  loadSavedViews,
  storedViewsNote,
  MAX_SAVED_VIEWS,
  importNote,
  mergeSavedViews,
  SAVED_VIEWS_KEY,
  saveView,
  type SavedView,
} from './saved-views.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
  };
}

const view = (name: string, search = '?f=outcome:failure'): SavedView => ({
  name,
  search,
  savedAt: '2026-11-24T21:30:00.000Z',
});

describe('saved views in storage', () => {
  it('saves, lists newest first, replaces by name and deletes', () => {
    const storage = memoryStorage();
    expect(loadSavedViews(storage)).toEqual([]);
    expect(saveView(storage, view('Failures')).problems).toEqual([]);
    saveView(storage, view('Logins', '?q=login'));
    expect(loadSavedViews(storage).map((saved) => saved.name)).toEqual(['Logins', 'Failures']);
    const replaced = saveView(storage, view('Failures', '?tz=Europe%2FBerlin'));
    expect(replaced.views.map((saved) => [saved.name, saved.search])).toEqual([
      ['Failures', '?tz=Europe%2FBerlin'],
      ['Logins', '?q=login'],
    ]);
    expect(storage.items.has(SAVED_VIEWS_KEY)).toBe(true);
    expect(deleteView(storage, 'Logins').views.map((saved) => saved.name)).toEqual(['Failures']);
    expect(deleteView(storage, 'nope')).toEqual({ views: loadSavedViews(storage), problems: [] });
  });

  it('refuses an invalid view and the view past the limit', () => {
    const storage = memoryStorage();
    expect(saveView(storage, view('')).problems).toHaveLength(1);
    expect(saveView(storage, view('x'.repeat(101))).problems).toHaveLength(1);
    expect(saveView(storage, view('evil', 'https://evil.example/?a')).problems).toHaveLength(1);
    expect(saveView(storage, view('evil', '//evil.example')).problems).toHaveLength(1);
    expect(saveView(storage, { ...view('t'), savedAt: 'yesterday' }).problems).toHaveLength(1);
    expect(loadSavedViews(storage)).toEqual([]);
    const full = memoryStorage({
      [SAVED_VIEWS_KEY]: JSON.stringify(Array.from({ length: MAX_SAVED_VIEWS }, (_, i) => view(`v${i}`))),
    });
    expect(saveView(full, view('one more')).problems[0]).toMatch(/200/);
    expect(saveView(full, view('v7', '')).problems).toEqual([]);
  });

  it('keeps what it cannot read, and keys it does not know, when it saves or deletes', () => {
    const later = { ...view('Described'), description: 'from a later version' };
    // A search longer than this version reads (a later one might allow it).
    const foreign = { name: 'Too long', search: `?q=${'x'.repeat(30_000)}`, savedAt: '2026-11-24T21:30:00Z' };
    const storage = memoryStorage({ [SAVED_VIEWS_KEY]: JSON.stringify([later, foreign]) });
    expect(loadSavedViews(storage)).toEqual([later]);
    expect(storedViewsNote(storage)).toBe(
      '1 saved view in this browser could not be read (from another version of Audit Lens?); it is kept as it is',
    );
    saveView(storage, view('New'));
    deleteView(storage, 'New');
    expect(JSON.parse(storage.items.get(SAVED_VIEWS_KEY) ?? '[]')).toEqual([later, foreign]);
    expect(storedViewsNote(memoryStorage())).toBeNull();
  });

  it('never throws on broken or blocked storage', () => {
    expect(loadSavedViews(memoryStorage({ [SAVED_VIEWS_KEY]: '{not json' }))).toEqual([]);
    expect(
      loadSavedViews(
        memoryStorage({
          [SAVED_VIEWS_KEY]: '[1, {"name":"ok","search":"","savedAt":"2026-11-24T21:30:00Z"}]',
        }),
      ),
    ).toEqual([{ name: 'ok', search: '', savedAt: '2026-11-24T21:30:00Z' }]);
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadSavedViews(blocked)).toEqual([]);
    const result = saveView(blocked, view('a'));
    expect(result.views).toEqual([]);
    expect(result.problems[0]).toMatch(/storage/);
  });
});

describe('export and import', () => {
  it('round-trips', () => {
    const views = [view('Failures'), view('All', '')];
    expect(importSavedViews(exportSavedViews(views))).toEqual({ views, problems: [] });
  });

  it('reads a bare array, trims names, dedupes by name and reports what it drops', () => {
    const result = importSavedViews(
      JSON.stringify([
        view(' A '),
        view('A', '?q=2'),
        { name: 'B' },
        'junk',
        view('C', 'javascript:alert(1)'),
      ]),
    );
    expect(result.views).toEqual([view('A')]);
    expect(result.problems).toHaveLength(4);
    expect(result.problems[0]).toMatch(/view 2: .*"A"/);
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: MAX_SAVED_VIEWS + 5 }, (_, i) => view(`v${i}`));
    const result = importSavedViews(exportSavedViews(many));
    expect(result.views).toHaveLength(MAX_SAVED_VIEWS);
    expect(result.problems).toEqual([`5 views beyond the limit of ${MAX_SAVED_VIEWS} were left out`]);
  });

  it('reads a file of junk only so far, and lists ten of its problems', () => {
    const result = importSavedViews(
      JSON.stringify([view('A'), ...Array.from({ length: 2_000_000 }, () => 0)]),
    );
    expect(result.views).toEqual([view('A')]);
    expect(result.problems).toHaveLength(12);
    expect(result.problems.slice(-2)).toEqual([
      'and 989 more problems',
      `only the first ${MAX_SAVED_VIEWS * 5} of 2000001 items were read`,
    ]);
  });

  it('never throws on hostile text', () => {
    for (const text of ['', 'null', '42', '{"views": 3}', '{"__proto__": {"views": []}}', '[[[[', '"x"'])
      expect(importSavedViews(text).views).toEqual([]);
    expect(importSavedViews('x'.repeat(5_000_001)).problems).toEqual([
      'the file is too large for saved views',
    ]);
  });

  it('adds imported views after the current ones, never replacing one of yours', () => {
    const result = mergeSavedViews([view('A'), view('B')], [view('B', '?q=new'), view('C'), view('A')]);
    // A is the same view: skipped. B differs: kept under a new name, yours untouched.
    expect(result.views).toEqual([
      view('A'),
      view('B'),
      { ...view('B', '?q=new'), name: 'B (imported)' },
      view('C'),
    ]);
    expect(result.renamed).toEqual([{ from: 'B', to: 'B (imported)' }]);
    expect(importNote(result.renamed)).toBe(
      'Your own views were kept: 1 imported view with the name of a different view of yours became "B (imported)".',
    );
    // The same file again adds nothing; a third version of B comes in as the second copy.
    const again = mergeSavedViews(result.views, [view('B', '?q=new'), view('C')]);
    expect(again.views).toEqual(result.views);
    expect(again.renamed).toEqual([]);
    expect(importNote(again.renamed)).toBeNull();
    expect(mergeSavedViews(result.views, [view('B', '?q=newer')]).renamed).toEqual([
      { from: 'B', to: 'B (imported 2)' },
    ]);
    const current = Array.from({ length: MAX_SAVED_VIEWS }, (_, i) => view(`v${i}`));
    const merged = mergeSavedViews(current, [view('new')]);
    expect(merged.views).toEqual(current);
    expect(merged.problems).toHaveLength(1);
  });

  it('renames a long emoji name without splitting a character', () => {
    const name = '\u{1F600}'.repeat(50);
    const merged = mergeSavedViews([view(name)], [view(name, '?q=other')]);
    const renamed = merged.renamed[0]?.to ?? '';
    expect(renamed.endsWith(' (imported)')).toBe(true);
    expect(renamed.length).toBeLessThanOrEqual(100);
    expect(renamed).not.toMatch(/\p{Cs}/u);
  });

  it('names only the renamed views the limit let in', () => {
    const current = Array.from({ length: MAX_SAVED_VIEWS - 1 }, (_, i) => view(`v${i}`));
    const merged = mergeSavedViews(current, [view('v1', '?q=a'), view('v2', '?q=b')]);
    expect(merged.views.at(-1)?.name).toBe('v1 (imported)');
    expect(merged.renamed).toEqual([{ from: 'v1', to: 'v1 (imported)' }]);
    expect(merged.problems).toEqual([`1 view beyond the limit of ${MAX_SAVED_VIEWS} was left out`]);
  });
});
