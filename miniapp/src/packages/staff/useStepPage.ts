import { useMemo } from 'react';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { useRemote } from '../../hooks/useRemote';
import { getCommunityDirectory } from '../../services/communities';
import { useStaff } from './session';
import { useStepOutcome, type StepFailure } from './useStepOutcome';
import { communityNames } from './words';

/**
 * What a staff page about one record sets up: the record (read again on a pull-down), the signed-in staff member
 * (null while the page goes to the login), the communities' names by code, and the steps taken on the record
 * (`useStepOutcome`, which reads the record again when someone else overtook a step).
 */
export function useStepPage<T, A extends string>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  steps: { changed: string; failure: StepFailure },
) {
  const data = useRemote(load, deps);
  const staff = useStaff(data.error);
  const directory = useRemote(getCommunityDirectory, []);
  const names = useMemo(() => communityNames(directory.data), [directory.data]);
  const outcome = useStepOutcome<A>({ reload: data.reload, ...steps });
  usePullToRefresh(data.reload);
  return { data, staff, names, ...outcome };
}
