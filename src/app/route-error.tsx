import { useRouteError } from 'react-router';
import { Callout } from '../ui/callout.tsx';

export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'Something went wrong while showing this page.';
  return (
    <main className="p-6">
      <Callout tone="error" title="This page failed to render">
        <p>{message}</p>
      </Callout>
    </main>
  );
}
