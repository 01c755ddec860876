import type { ReactNode } from 'react';

/** A whole-page state (loading, empty, nothing available), with what can be done about it below. */
export function PageMessage({
  title,
  detail,
  busy,
  children,
}: {
  title: string;
  detail?: string;
  busy?: boolean;
  children?: ReactNode;
}) {
  return (
    <div
      role="status"
      aria-busy={busy}
      className="flex flex-1 flex-col items-center justify-center gap-1 p-8 text-center text-slate-600 dark:text-slate-300"
    >
      {busy ? (
        <span
          aria-hidden
          className="mb-2 h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600"
        />
      ) : null}
      <p className="font-medium">{title}</p>
      {detail ? <p className="text-sm">{detail}</p> : null}
      {children ? <div className="mt-2">{children}</div> : null}
    </div>
  );
}
