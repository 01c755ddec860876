import { z } from 'zod';

/**
 * An optional text field of a provider's error body, read on its own: a value of another type (a number,
 * a list, null) reads as absent instead of failing the whole body, so the provider's message still shows.
 */
export const errorText = z.string().optional().catch(undefined);
