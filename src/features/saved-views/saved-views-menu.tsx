import { useState } from 'react';
import { useNavigate } from 'react-router';
import { downloadParts } from '../../lib/download.ts';
import { visibleText } from '../../lib/visible-text.ts';
import { Button } from '../../ui/button.tsx';
import { Popover } from '../../ui/popover.tsx';
import {
  deleteView,
  exportSavedViews,
  importSavedViews,
  loadSavedViews,
  storedViewsNote,
  importNote,
  mergeSavedViews,
  saveView,
  writeSavedViews,
  type SavedView,
} from './saved-views.ts';

/** Named views kept in this browser: save the current one, open, delete, export and import them as JSON. */
export function SavedViewsMenu({ search }: { search: string }) {
  const navigate = useNavigate();
  const [views, setViews] = useState<SavedView[]>(() => loadSavedViews(localStorage));
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [storedNote] = useState(() => storedViewsNote(localStorage));
  const [importNoteText, setImportNote] = useState<string | null>(null);
  const replacing = views.some((view) => view.name === name.trim());
  return (
    <Popover label="Saved views" title="Saved views">
      {(close) => (
        <div className="flex flex-col gap-2">
          <form
            className="flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              const result = saveView(localStorage, {
                name: name.trim(),
                search,
                savedAt: new Date().toISOString(),
              });
              setViews(result.views);
              setProblems(result.problems);
              if (!result.problems.length) setName('');
            }}
          >
            <input
              aria-label="Name of this view"
              placeholder="Name this view"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="flex-1 rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950"
            />
            <Button type="submit" disabled={!name.trim()}>
              {replacing ? 'Replace' : 'Save'}
            </Button>
          </form>
          {replacing ? (
            <p role="status" className="text-xs text-amber-800 dark:text-amber-200">
              A view of this name is saved: saving replaces it.
            </p>
          ) : null}
          {views.length ? (
            <ul aria-label="Saved views list" className="max-h-60 overflow-auto">
              {views.map((view) => (
                <li
                  key={view.name}
                  className="flex items-center gap-2 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <button
                    type="button"
                    className="min-w-0 flex-1 truncate text-left"
                    onClick={() => {
                      void navigate(`/${view.search}`);
                      close();
                    }}
                  >
                    {/* Names come from imported files too: no bidi override or zero-width character may
                        make one look like another. */}
                    {visibleText(view.name, 200)}
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete saved view ${visibleText(view.name, 200)}`}
                    className="text-xs text-slate-500"
                    onClick={() => setViews(deleteView(localStorage, view.name).views)}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-500">No saved views yet.</p>
          )}
          <div className="flex items-center gap-2 border-t border-slate-200 pt-2 text-xs dark:border-slate-700">
            <Button
              onClick={() =>
                downloadParts([exportSavedViews(views)], 'audit-lens-saved-views.json', 'application/json')
              }
              disabled={!views.length}
              className="text-xs"
            >
              Export JSON
            </Button>
            <label className="cursor-pointer underline">
              Import JSON
              <input
                type="file"
                accept="application/json,.json"
                className="sr-only"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  // Cleared, so that choosing the same file again imports it again.
                  event.target.value = '';
                  if (!file) return;
                  file.text().then(
                    (text) => {
                      const imported = importSavedViews(text);
                      const merged = mergeSavedViews(loadSavedViews(localStorage), imported.views);
                      const written = writeSavedViews(localStorage, merged.views);
                      // A list that could not be stored is not shown as if it were: it would be gone on reload.
                      setViews(written.length ? loadSavedViews(localStorage) : merged.views);
                      setProblems([...imported.problems, ...merged.problems, ...written]);
                      setImportNote(written.length ? null : importNote(merged.renamed));
                    },
                    () => setProblems([`${file.name} could not be read`]),
                  );
                }}
              />
            </label>
          </div>
          {storedNote ? (
            <p role="status" className="text-xs text-amber-800 dark:text-amber-200">
              {storedNote}
            </p>
          ) : null}
          {importNoteText ? (
            <p role="status" className="text-xs text-slate-600 dark:text-slate-300">
              {visibleText(importNoteText, 500)}
            </p>
          ) : null}
          {problems.length ? (
            <ul role="alert" className="text-xs text-red-700 dark:text-red-300">
              {problems.map((problem) => (
                <li key={problem}>{visibleText(problem, 500)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </Popover>
  );
}
