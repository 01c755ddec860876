import type { z } from 'zod';

/** The first validation problem as `field data.0.effective_at: expected number, received string`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `field ${path}: ${issue.message}${more}`;
}
