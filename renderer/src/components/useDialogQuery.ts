/**
 * Loads one dialog's data for the side pane and keeps it current: again when
 * the services report that dialog changed (throttled) and after a reconnect.
 * A late answer for a dialog no longer shown is dropped.
 */
import { useEffect, useState } from 'react';
import { errorMessage, subscribe } from '../ipc.ts';
import { useAppStore } from '../store/app.ts';
import { throttle } from '../throttle.ts';

const RELOAD_THROTTLE_MS = 1500;

export interface Query<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export function useDialogQuery<T>(id: number, load: (id: number) => Promise<T>): Query<T> {
  const [state, setState] = useState<Query<T> & { id: number | null }>({ id: null, data: null, error: null, loading: true });
  const reconnects = useAppStore((s) => s.reconnects);

  useEffect(() => {
    let alive = true;
    const run = (): void => {
      setState((s) => ({ ...s, loading: true }));
      load(id).then(
        (data) => alive && setState({ id, data, error: null, loading: false }),
        (error: unknown) => alive && setState({ id, data: null, error: errorMessage(error), loading: false }),
      );
    };
    run();
    const reload = throttle(run, RELOAD_THROTTLE_MS);
    const off = subscribe('dialogs:changed', (change) => {
      if (change.updated.includes(id) || change.inserted.includes(id)) reload();
    });
    return () => {
      alive = false;
      off();
      reload.cancel();
    };
    // `load` is a module-level function per view; reconnects re-run the query
  }, [id, load, reconnects]);

  // Until the first answer for this id arrives, show loading rather than the previous dialog.
  if (state.id !== id) return { data: null, error: null, loading: true };
  return state;
}
