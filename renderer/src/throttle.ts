/**
 * Leading + trailing throttle: the first call runs at once, later calls within
 * `ms` collapse into one run at the end of the window. Used for reloads on
 * `dialogs:changed`, which a busy sync can fire many times a second.
 */
export interface Throttled {
  (): void;
  cancel(): void;
}

export function throttle(fn: () => void, ms: number): Throttled {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    timer = null;
    last = Date.now();
    fn();
  };
  const throttled = (): void => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
