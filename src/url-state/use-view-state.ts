import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PARAMETER_FIELDS, parseViewState, unreadEntries, viewSearch, type ViewState } from './view-state.ts';

/**
 * The view, read from the URL on every render (never copied into component state, so Back and Forward
 * always show what the URL says), and a setter that writes it back with defaults omitted.
 */
export function useViewState() {
  const [params, setParams] = useSearchParams();
  const { view, problems } = useMemo(() => parseViewState(params), [params]);
  const setView = useCallback(
    (
      patch: Partial<ViewState> | ((view: ViewState) => Partial<ViewState>),
      options: { replace?: boolean; dropUnread?: boolean } = {},
    ) => {
      setParams(
        (current) => {
          const base = parseViewState(current).view;
          const changes = typeof patch === 'function' ? patch(base) : patch;
          // What the link held that could not be read stays, unless this change sets that part anew
          // (filters excepted: a new pill does not replace a filter that never became one).
          const kept = (options.dropUnread ? [] : unreadEntries(current)).filter(([name]) => {
            const field = PARAMETER_FIELDS[name];
            return !field || field === 'filters' || !(field in changes);
          });
          return new URLSearchParams(viewSearch({ ...base, ...changes }, kept));
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  return { view, problems, setView };
}
