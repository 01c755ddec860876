import { z } from 'zod';
import { describeZodError } from '../../lib/zod-issues.ts';

/** The localStorage key of the saved views (local to the browser, DESIGN.md). */
export const SAVED_VIEWS_KEY = 'audit-lens.saved-views';
export const MAX_SAVED_VIEWS = 200;
const MAX_ITEMS_READ = MAX_SAVED_VIEWS * 5;
const MAX_PROBLEMS_LISTED = 10;
const MAX_SEARCH = 20_000;
const MAX_IMPORT_CHARS = 5_000_000;
const EXPORT_FORMAT = 'audit-lens.saved-views';

/** Keys of a later version (a description, say) are kept, so saving here never strips them. */
export const savedViewSchema = z.looseObject({
  name: z.string().trim().min(1).max(100),
  // Only a search string: opening a view can change the query, never the page or the site it points to.
  search: z
    .string()
    .max(MAX_SEARCH)
    .regex(/^(?:\?[^\s#]*)?$/, "a URL search string: empty or starting with '?', no spaces or '#'"),
  savedAt: z.iso.datetime({ offset: true }),
});

export type SavedView = z.infer<typeof savedViewSchema>;

export interface SavedViewsResult {
  views: SavedView[];
  problems: string[];
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Keeps the valid views, the first of each name, at most `MAX_SAVED_VIEWS`; says what it dropped. */
function validateViews(items: readonly unknown[]): SavedViewsResult {
  const views: SavedView[] = [];
  const problems: string[] = [];
  const names = new Set<string>();
  let overLimit = 0;
  // A file of junk (millions of items) is not read to its end, nor listed problem by problem.
  const read = items.slice(0, MAX_ITEMS_READ);
  read.forEach((item, index) => {
    const parsed = savedViewSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(`view ${index + 1}: ${describeZodError(parsed.error)}`);
      return;
    }
    if (names.has(parsed.data.name)) {
      problems.push(
        `view ${index + 1}: another view is already named "${clip(parsed.data.name)}"; kept the first`,
      );
      return;
    }
    if (views.length >= MAX_SAVED_VIEWS) {
      overLimit += 1;
      return;
    }
    names.add(parsed.data.name);
    views.push(parsed.data);
  });
  if (overLimit)
    problems.push(
      overLimit === 1
        ? `1 view beyond the limit of ${MAX_SAVED_VIEWS} was left out`
        : `${overLimit} views beyond the limit of ${MAX_SAVED_VIEWS} were left out`,
    );
  const listed = problems.slice(0, MAX_PROBLEMS_LISTED);
  if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more problems`);
  if (items.length > read.length)
    listed.push(`only the first ${MAX_ITEMS_READ} of ${items.length} items were read`);
  return { views, problems: listed };
}

function readItems(text: string): { items: readonly unknown[] } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (Array.isArray(data)) return { items: data };
  if (typeof data === 'object' && data !== null && 'views' in data && Array.isArray(data.views))
    return { items: data.views as unknown[] };
  return { problem: 'not a list of saved views' };
}

/**
 * Reads a saved-views file (the output of `exportSavedViews`, or a bare array of views). Never throws.
 *
 * @example importSavedViews('[{"name":"Failures","search":"?f=outcome:failure","savedAt":"2026-11-24T21:30:00Z"}]')
 * // { views: [{ name: 'Failures', … }], problems: [] }
 */
export function importSavedViews(text: string): SavedViewsResult {
  if (text.length > MAX_IMPORT_CHARS)
    return { views: [], problems: ['the file is too large for saved views'] };
  const read = readItems(text);
  if ('problem' in read) return { views: [], problems: [read.problem] };
  return validateViews(read.items);
}

/** The views as a JSON file that `importSavedViews` reads back. */
export function exportSavedViews(views: readonly SavedView[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, views }, null, 2)}\n`;
}

function storedItems(storage: Pick<Storage, 'getItem'>): readonly unknown[] {
  let text: string | null;
  try {
    text = storage.getItem(SAVED_VIEWS_KEY);
  } catch {
    return [];
  }
  if (text === null) return [];
  const read = readItems(text);
  return 'items' in read ? read.items : [];
}

/** Stored entries this version cannot read (another version's, say): kept as they are on every write. */
function unreadableStored(storage: Pick<Storage, 'getItem'>): unknown[] {
  return storedItems(storage).filter((item) => !savedViewSchema.safeParse(item).success);
}

/** The views stored in this browser, never throwing: unreadable storage or entries are skipped. */
export function loadSavedViews(storage: Pick<Storage, 'getItem'>): SavedView[] {
  return validateViews(storedItems(storage)).views;
}

/** What the menu says about the stored views it cannot show, or null when it can show them all. */
export function storedViewsNote(storage: Pick<Storage, 'getItem'>): string | null {
  const unreadable = unreadableStored(storage).length;
  if (unreadable === 0) return null;
  return unreadable === 1
    ? '1 saved view in this browser could not be read (from another version of Audit Lens?); it is kept as it is'
    : `${unreadable} saved views in this browser could not be read (from another version of Audit Lens?); they are kept as they are`;
}

/**
 * Stores the views, after them any stored entries this version cannot read (never deleted from here); a
 * full or blocked storage is reported, not thrown.
 */
export function writeSavedViews(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  views: readonly SavedView[],
): string[] {
  try {
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify([...views, ...unreadableStored(storage)]));
    return [];
  } catch {
    return ['this browser did not let Audit Lens store the saved views (storage full or blocked)'];
  }
}

/** What an import did beyond the views it added, in words for the menu. */
export interface SavedViewsMerge extends SavedViewsResult {
  /** Names the file's views were kept under because a different view of yours had their name. */
  renamed: { from: string; to: string }[];
}

/** At most `units` UTF-16 units of `text`, cut between whole characters (an emoji is never halved). */
function cutTo(text: string, units: number): string {
  let out = '';
  for (const character of text) {
    if (out.length + character.length > units) break;
    out += character;
  }
  return out;
}

/** `Failures (imported)`, then `Failures (imported 2)`…, each within the name limit. */
function* importedNames(name: string): Generator<string> {
  for (let copy = 1; ; copy++) {
    const suffix = copy === 1 ? ' (imported)' : ` (imported ${copy})`;
    yield `${cutTo(name, 100 - suffix.length)}${suffix}`;
  }
}

/**
 * Views from a file added after the current ones, none of yours lost: a view you already have (same name
 * and search) is skipped, and one whose name you use for a different search is kept as "… (imported)"
 * (skipped too when that copy is already there, so importing a file twice adds nothing). New views past
 * the limit are left out and counted in a problem.
 *
 * @example mergeSavedViews([a], [b]).views // [a, b]
 */
export function mergeSavedViews(
  current: readonly SavedView[],
  incoming: readonly SavedView[],
): SavedViewsMerge {
  const searchOf = new Map(current.map((view) => [view.name, view.search]));
  const added: SavedView[] = [];
  const renamed: { from: string; to: string }[] = [];
  for (const view of incoming) {
    if (!searchOf.has(view.name)) {
      added.push(view);
      searchOf.set(view.name, view.search);
      continue;
    }
    if (searchOf.get(view.name) === view.search) continue;
    for (const name of importedNames(view.name)) {
      // An earlier import's copy of this very view: nothing to add.
      if (searchOf.get(name) === view.search) break;
      if (searchOf.has(name)) continue;
      added.push({ ...view, name });
      searchOf.set(name, view.search);
      renamed.push({ from: view.name, to: name });
      break;
    }
  }
  const result = validateViews([...current, ...added]);
  const kept = new Set(result.views.map((view) => view.name));
  return { ...result, renamed: renamed.filter(({ to }) => kept.has(to)) };
}

/** One sentence for the menu on the views an import renamed, or null when it renamed none. */
export function importNote(renamed: SavedViewsMerge['renamed']): string | null {
  if (renamed.length === 0) return null;
  const listed = renamed
    .slice(0, 3)
    .map(({ to }) => `"${clip(to)}"`)
    .join(', ');
  const more = renamed.length > 3 ? ` and ${renamed.length - 3} more` : '';
  const views = renamed.length === 1 ? 'view' : 'views';
  return `Your own views were kept: ${renamed.length} imported ${views} with the name of a different view of yours became ${listed}${more}.`;
}

/**
 * Saves a view (replacing one of the same name) first in the list, and returns the stored list.
 *
 * @example saveView(localStorage, { name: 'Failures', search: '?f=outcome:failure', savedAt: new Date().toISOString() })
 */
export function saveView(storage: Pick<Storage, 'getItem' | 'setItem'>, view: SavedView): SavedViewsResult {
  const current = loadSavedViews(storage);
  const parsed = savedViewSchema.safeParse(view);
  if (!parsed.success) return { views: current, problems: [describeZodError(parsed.error)] };
  const others = current.filter((saved) => saved.name !== parsed.data.name);
  if (others.length >= MAX_SAVED_VIEWS)
    return {
      views: current,
      problems: [`there are already ${MAX_SAVED_VIEWS} saved views: delete one first`],
    };
  const views = [parsed.data, ...others];
  const problems = writeSavedViews(storage, views);
  return { views: problems.length ? current : views, problems };
}

/** Deletes the view of that name and returns the stored list. */
export function deleteView(storage: Pick<Storage, 'getItem' | 'setItem'>, name: string): SavedViewsResult {
  const current = loadSavedViews(storage);
  const views = current.filter((view) => view.name !== name);
  if (views.length === current.length) return { views, problems: [] };
  const problems = writeSavedViews(storage, views);
  return { views: problems.length ? current : views, problems };
}
