import { z } from 'zod';

export const densitySchema = z.enum(['comfortable', 'compact']);
export type Density = z.infer<typeof densitySchema>;

/** Row height in pixels per density: compact fits about a third more rows on a screen. */
export const ROW_HEIGHTS: Record<Density, number> = { comfortable: 32, compact: 24 };
