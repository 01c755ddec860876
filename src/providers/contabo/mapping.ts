import type { Category, Outcome } from '../../timeline/audit-event.ts';
import type { ContaboAction } from './schema.ts';

/**
 * Contabo image audit `action` → category and outcome. An image coming or going is its lifecycle; an
 * update changes its attributes. The API records only changes that happened, so every entry is a success.
 * An action the spec does not list is other/unknown.
 */
export const CONTABO_MAPPING: Readonly<Record<ContaboAction, { category: Category; outcome: Outcome }>> = {
  CREATED: { category: 'lifecycle', outcome: 'success' },
  UPDATED: { category: 'configuration', outcome: 'success' },
  DELETED: { category: 'lifecycle', outcome: 'success' },
};

function isKnownAction(action: string): action is ContaboAction {
  return Object.hasOwn(CONTABO_MAPPING, action);
}

export function contaboCategory(action: string): Category {
  return isKnownAction(action) ? CONTABO_MAPPING[action].category : 'other';
}

export function contaboOutcome(action: string): Outcome {
  return isKnownAction(action) ? CONTABO_MAPPING[action].outcome : 'unknown';
}
