/** The updates pages' status filters live in the URL (`?status=`), so a filtered view can be linked to. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const STATUS_PARAM = 'status';

/** The `status` search param when it is one of `allowed`; a hand-edited unknown one shows everything. */
export function useStatusParam<S extends string>(allowed: readonly S[]): [S | undefined, (status: S | '') => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(STATUS_PARAM)?.trim() ?? '';
  const status = (allowed as readonly string[]).includes(raw) ? (raw as S) : undefined;
  const setStatus = useCallback(
    (value: S | '') =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(STATUS_PARAM);
        else next.set(STATUS_PARAM, value);
        return next;
      }),
    [setParams],
  );
  return [status, setStatus];
}
