import { z } from 'zod';

/** `?teamId=` of the list routes. */
export const TeamQuery = z.strictObject({ teamId: z.string().uuid('teamId must be a UUID') });
export type TeamQuery = z.infer<typeof TeamQuery>;
