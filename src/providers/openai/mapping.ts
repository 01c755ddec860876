import type { Category, Outcome } from '../../timeline/audit-event.ts';

/**
 * OpenAI event type → category, first matching prefix wins. Outcome: `*.failed` is a failure, every other
 * audit log records something that happened, so success.
 */
export const OPENAI_CATEGORY_BY_PREFIX: readonly (readonly [prefix: string, category: Category])[] = [
  ['login.', 'authentication'],
  ['logout.', 'authentication'],
  ['tenant.sso', 'authentication'],
  ['tenant.session', 'authentication'],
  ['api_key.', 'access'],
  ['service_account.', 'access'],
  ['certificate', 'access'],
  ['external_key.', 'access'],
  ['workload_identity', 'access'],
  ['tenant.admin_api_key.', 'access'],
  ['tenant.project_api_key.', 'access'],
  ['tenant.chatgpt_access_token.', 'access'],
  ['tenant.workload_identity.', 'access'],
  ['tenant.service_account.', 'access'],
  ['role.', 'authorization'],
  ['group.', 'authorization'],
  ['invite.', 'authorization'],
  ['user.', 'authorization'],
  ['scim.', 'authorization'],
  ['ip_allowlist.', 'authorization'],
  ['checkpoint.permission.', 'authorization'],
  ['checkpoint_permission.', 'authorization'],
  ['tenant.user.', 'authorization'],
  ['tenant.group.', 'authorization'],
  ['tenant.membership.', 'authorization'],
  ['tenant.custom_role.', 'authorization'],
  ['tenant.role', 'authorization'],
  ['tenant.resource_role_assignment.', 'authorization'],
  ['tenant.resource_access.', 'authorization'],
  ['project.created', 'lifecycle'],
  ['project.archived', 'lifecycle'],
  ['project.deleted', 'lifecycle'],
  ['resource.deleted', 'lifecycle'],
  ['tunnel.', 'lifecycle'],
  ['project.updated', 'configuration'],
  ['organization.', 'configuration'],
  ['rate_limit.', 'configuration'],
  ['tenant.', 'configuration'],
];

export function openAiCategory(type: string): Category {
  return OPENAI_CATEGORY_BY_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'other';
}

export function openAiOutcome(type: string): Outcome {
  return type.endsWith('.failed') ? 'failure' : 'success';
}
