import { COLUMN_IDS, COLUMN_LABELS, DEFAULT_COLUMNS, type ColumnId } from '../../url-state/view-state.ts';
import { Popover } from '../../ui/popover.tsx';

/** Show, hide and reorder columns; the choice lives in the URL (`cols`), so links keep it. */
export function ColumnPicker({
  columns,
  onChange,
}: {
  columns: readonly ColumnId[];
  onChange: (columns: ColumnId[] | null) => void;
}) {
  const hidden = COLUMN_IDS.filter((id) => !columns.includes(id));
  const set = (next: ColumnId[]) =>
    onChange(next.length && next.join(',') !== DEFAULT_COLUMNS.join(',') ? next : null);
  const move = (index: number, by: number) => {
    const next = [...columns];
    const [item] = next.splice(index, 1);
    if (item) next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item);
    set(next);
  };
  // One list, keyed by column: a column shown or hidden keeps its element, so the checkbox just clicked
  // keeps focus (two lists would rebuild it, and focus would fall out of the menu).
  return (
    <Popover label="Columns" title="Columns">
      {() => (
        <ul aria-label="Columns" className="flex flex-col gap-0.5">
          {[...columns, ...hidden].map((id) => {
            const index = columns.indexOf(id);
            const shown = index >= 0;
            return (
              <li key={id} className="flex items-center gap-2">
                <label className={`flex flex-1 items-center gap-2 ${shown ? '' : 'text-slate-500'}`}>
                  <input
                    type="checkbox"
                    checked={shown}
                    disabled={shown && columns.length === 1}
                    onChange={() => set(shown ? columns.filter((other) => other !== id) : [...columns, id])}
                  />
                  {COLUMN_LABELS[id]}
                </label>
                {shown ? (
                  <>
                    <button
                      type="button"
                      aria-label={`Move ${COLUMN_LABELS[id]} left`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      className="px-1 disabled:opacity-30"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${COLUMN_LABELS[id]} right`}
                      disabled={index === columns.length - 1}
                      onClick={() => move(index, 1)}
                      className="px-1 disabled:opacity-30"
                    >
                      ↓
                    </button>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Popover>
  );
}
