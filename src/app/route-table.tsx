import type { RouteObject } from 'react-router';
import { AppLayout } from './app-layout.tsx';
import { RouteError } from './route-error.tsx';
import { NotFoundRoute } from './routes/not-found-route.tsx';
import { TimelinePage } from './routes/timeline/timeline-page.tsx';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <TimelinePage /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
