import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseViewState, viewSearch, type ViewState } from './view-state.ts';

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
      options: { replace?: boolean } = {},
    ) => {
      setParams(
        (current) => {
          const base = parseViewState(current).view;
          const next = { ...base, ...(typeof patch === 'function' ? patch(base) : patch) };
          return new URLSearchParams(viewSearch(next));
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  return { view, problems, setView };
}
