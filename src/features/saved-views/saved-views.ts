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

export const savedViewSchema = z.object({
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
  if (overLimit) problems.push(`${overLimit} views beyond the limit of ${MAX_SAVED_VIEWS} were left out`);
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

/** The views stored in this browser, never throwing: unreadable storage or entries are skipped. */
export function loadSavedViews(storage: Pick<Storage, 'getItem'>): SavedView[] {
  let text: string | null;
  try {
    text = storage.getItem(SAVED_VIEWS_KEY);
  } catch {
    return [];
  }
  return text === null ? [] : importSavedViews(text).views;
}

/** Stores the views as they are; a full or blocked storage is reported, not thrown. */
export function writeSavedViews(storage: Pick<Storage, 'setItem'>, views: readonly SavedView[]): string[] {
  try {
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
    return [];
  } catch {
    return ['this browser did not let Audit Lens store the saved views (storage full or blocked)'];
  }
}

/**
 * Views from a file added to the current ones: an incoming view replaces the current view of the same name in
 * its place, new ones come after; new views past the limit are left out and counted in a problem.
 *
 * @example mergeSavedViews([a], [b]).views // [a, b]
 */
export function mergeSavedViews(
  current: readonly SavedView[],
  incoming: readonly SavedView[],
): SavedViewsResult {
  const byName = new Map(incoming.map((view) => [view.name, view]));
  const kept = current.map((view) => byName.get(view.name) ?? view);
  const names = new Set(current.map((view) => view.name));
  return validateViews([...kept, ...incoming.filter((view) => !names.has(view.name))]);
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
