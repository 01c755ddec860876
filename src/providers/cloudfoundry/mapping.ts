import type { Category, Outcome } from '../../timeline/audit-event.ts';

/**
 * Cloud Foundry event type → category and outcome, first matching pattern wins (`*` matches any run of
 * characters). Every CF audit event records something that happened, so success unless the type itself
 * says otherwise (a refused SSH session, a crash, a failed build).
 */
export const CLOUDFOUNDRY_EVENT_MAPPING: readonly (readonly [
  pattern: string,
  category: Category,
  outcome: Outcome,
])[] = [
  ['audit.app.ssh-authorized', 'access', 'success'],
  ['audit.app.ssh-unauthorized', 'access', 'failure'],
  ['app.crash', 'other', 'failure'],
  ['audit.app.process.crash', 'other', 'failure'],
  ['audit.app.process.not-ready', 'other', 'failure'],
  ['audit.app.process.ready', 'other', 'success'],
  ['audit.app.process.rescheduling', 'other', 'unknown'],
  ['audit.app.build.failed', 'build', 'failure'],
  ['audit.app.build.*', 'build', 'success'],
  ['audit.app.droplet.*', 'build', 'success'],
  ['audit.app.package.*', 'build', 'success'],
  ['audit.app.upload-bits', 'build', 'success'],
  ['audit.app.copy-bits', 'build', 'success'],
  // Reading environment variables, credentials or keys is access to secrets.
  ['*.show', 'access', 'success'],
  ['audit.service_key.*', 'access', 'success'],
  ['audit.service_dashboard_client.*', 'access', 'success'],
  ['audit.user.*_add', 'authorization', 'success'],
  ['audit.user.*_remove', 'authorization', 'success'],
  ['audit.user.*', 'authentication', 'success'],
  ['audit.service_plan_visibility.*', 'authorization', 'success'],
  ['*.share', 'authorization', 'success'],
  ['*.unshare', 'authorization', 'success'],
  ['audit.route.transfer-owner', 'authorization', 'success'],
  ['*.update', 'configuration', 'success'],
  ['*.start_update', 'configuration', 'success'],
  ['audit.app.process.scale', 'configuration', 'success'],
  ['audit.app.apply_manifest', 'configuration', 'success'],
  ['audit.app.map-route', 'configuration', 'success'],
  ['audit.app.unmap-route', 'configuration', 'success'],
  ['audit.service_instance.bind_route', 'configuration', 'success'],
  ['audit.service_instance.unbind_route', 'configuration', 'success'],
  ['audit.*_quota.*', 'configuration', 'success'],
  ['audit.buildpack.*', 'configuration', 'success'],
  ['audit.stack.*', 'configuration', 'success'],
  ['audit.route_policy.*', 'configuration', 'success'],
  ['audit.service_broker.*', 'configuration', 'success'],
  ['audit.service_plan.*', 'configuration', 'success'],
  ['audit.service.*', 'configuration', 'success'],
  // create, delete-request, start, stop, restart, restage, deployments, tasks, bindings, instances…
  ['audit.*', 'lifecycle', 'success'],
  ['blob.remove_orphan', 'other', 'success'],
];

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

const COMPILED = CLOUDFOUNDRY_EVENT_MAPPING.map(
  ([pattern, category, outcome]) => [globToRegExp(pattern), category, outcome] as const,
);

/** `cloudFoundryClassification('audit.app.ssh-unauthorized')` → `{ category: 'access', outcome: 'failure' }`. */
export function cloudFoundryClassification(type: string): { category: Category; outcome: Outcome } {
  const rule = COMPILED.find(([pattern]) => pattern.test(type));
  return rule ? { category: rule[1], outcome: rule[2] } : { category: 'other', outcome: 'unknown' };
}
