import type { UrlProblem } from '../../../url-state/view-state.ts';
import { visibleText } from '../../../lib/visible-text.ts';
import { Callout } from '../../../ui/callout.tsx';
import { Button } from '../../../ui/button.tsx';

/**
 * Names every URL parameter that could not be read (the rest of the view still applies), and apart from
 * them the ones read as written that hold characters which do not show.
 */
export function UrlNotice({
  problems,
  rangeProblem,
  onForget,
}: {
  problems: readonly UrlProblem[];
  rangeProblem?: string;
  /** Drops the unread parameters from the link (they are kept as the view changes until then). */
  onForget: () => void;
}) {
  const ignored = problems.filter((problem) => !problem.applied);
  const hidden = problems.filter((problem) => problem.applied);
  if (!ignored.length && !hidden.length && !rangeProblem) return null;
  return (
    <div className="flex flex-col gap-2 px-4 pb-2">
      {ignored.length || rangeProblem ? (
        <Callout tone="warning" title="Part of this link could not be read and was ignored">
          <ProblemList problems={ignored} extra={rangeProblem} />
          {ignored.length ? (
            <Button variant="ghost" className="mt-1 text-xs" onClick={onForget}>
              Remove the unread parts from the link
            </Button>
          ) : null}
        </Callout>
      ) : null}
      {hidden.length ? (
        <Callout tone="warning" title="This link holds characters that do not show">
          <ProblemList problems={hidden} />
        </Callout>
      ) : null}
    </div>
  );
}

function ProblemList({ problems, extra }: { problems: readonly UrlProblem[]; extra?: string }) {
  return (
    <ul className="list-disc pl-5">
      {problems.map((problem, at) => (
        // Two bad values can read the same once cut: the place in the list is the key.
        <li key={at}>
          {/* A crafted link must not plant misleading text here: invisible characters show as markers. */}
          <code>{visibleText(problem.parameter, 60)}</code> = “{visibleText(problem.value)}”:{' '}
          {visibleText(problem.problem, 500)}
        </li>
      ))}
      {extra ? <li>{visibleText(extra, 500)}</li> : null}
    </ul>
  );
}
