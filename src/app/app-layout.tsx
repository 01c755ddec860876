import { Link, Outlet } from 'react-router';
import { ModeSummary } from '../features/provider-status/mode-summary.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function AppLayout() {
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-4 border-b border-slate-200 bg-slate-50 px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" className="h-5 w-5" />
          Audit Lens
        </Link>
        <nav aria-label="Main" className="flex gap-3 text-sm">
          <Link
            to="/"
            className="text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white"
          >
            Timeline
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <ModeSummary />
          <ThemeToggle />
        </div>
      </header>
      <Outlet />
    </div>
  );
}
