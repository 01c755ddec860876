import { createContext, useContext, useState, type ReactNode } from 'react';

/** The text typed into the search box and not yet applied, with the query it was typed over. */
export interface QueryDraft {
  applied: string;
  draft: string;
}

interface QueryDraftStore {
  read: () => QueryDraft | null;
  keep: (draft: QueryDraft | null) => void;
}

const QueryDraftContext = createContext<QueryDraftStore | null>(null);

function createQueryDraftStore(): QueryDraftStore {
  let kept: QueryDraft | null = null;
  return {
    read: () => kept,
    keep: (draft) => {
      kept = draft;
    },
  };
}

/**
 * Keeps the search box's unapplied text across the box's remounts: the timeline below this scope is
 * rebuilt for a new range, a zone that moves it or newer events, and what the user was typing must
 * not vanish with it.
 */
export function QueryDraftScope({ children }: { children: ReactNode }) {
  const [store] = useState(createQueryDraftStore);
  return <QueryDraftContext.Provider value={store}>{children}</QueryDraftContext.Provider>;
}

/** The scope's store, or null outside one (the box then keeps its draft only while mounted). */
export function useKeptQueryDraft(): QueryDraftStore | null {
  return useContext(QueryDraftContext);
}
