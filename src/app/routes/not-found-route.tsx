import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm">
        <Link className="text-blue-700 underline dark:text-blue-300" to="/">
          Back to the timeline
        </Link>
      </p>
    </main>
  );
}
