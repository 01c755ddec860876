import type { ProviderMode } from '../../providers/status-schema.ts';
import { Badge } from '../../ui/badge.tsx';

const TONE = { live: 'green', demo: 'amber', misconfigured: 'red', 'not configured': 'slate' } as const;

export function ModeBadge({ mode, title }: { mode: ProviderMode; title?: string }) {
  return (
    <Badge tone={TONE[mode]} title={title}>
      {mode}
    </Badge>
  );
}
