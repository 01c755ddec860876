import type { UrlProblem } from '../../../url-state/view-state.ts';
import { visibleText } from '../../../lib/visible-text.ts';
import { Callout } from '../../../ui/callout.tsx';

/** Names every URL parameter that could not be read; the rest of the view still applies. */
export function UrlNotice({
  problems,
  rangeProblem,
}: {
  problems: readonly UrlProblem[];
  rangeProblem?: string;
}) {
  if (!problems.length && !rangeProblem) return null;
  return (
    <div className="px-4 pb-2">
      <Callout tone="warning" title="Part of this link could not be read and was ignored">
        <ul className="list-disc pl-5">
          {problems.map((problem, at) => (
            // Two bad values can read the same once cut: the place in the list is the key.
            <li key={at}>
              {/* A crafted link must not plant misleading text here: invisible characters show as markers. */}
              <code>{visibleText(problem.parameter, 60)}</code> = “{visibleText(problem.value)}”:{' '}
              {visibleText(problem.problem, 500)}
            </li>
          ))}
          {rangeProblem ? <li>{visibleText(rangeProblem, 500)}</li> : null}
        </ul>
      </Callout>
    </div>
  );
}
