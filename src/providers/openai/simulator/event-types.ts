import { OPENAI_EVENT_TYPE_LIST } from '../event-types.ts';

export const OPENAI_EVENT_TYPES: ReadonlySet<string> = new Set(OPENAI_EVENT_TYPE_LIST);
