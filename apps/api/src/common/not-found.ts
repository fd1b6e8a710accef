import { SpilloverError } from '@spillover/contracts';

/** The one answer for "absent" and "not yours": another team's id must not reveal that it exists. */
export function notFound(
  what: 'team' | 'dataset' | 'analysis' | 'user' | 'weights',
  id: string,
): SpilloverError {
  return new SpilloverError('NOT_FOUND', `${what} ${id} not found`, { [`${what}Id`]: id });
}
