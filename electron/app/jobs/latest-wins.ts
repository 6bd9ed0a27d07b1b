/**
 * One piece of work at a time, and at most one waiting: a newer request
 * replaces the waiting one, which is answered SUPERSEDED. For work whose old
 * answers nobody wants once a newer question is asked (a summary for a
 * filter the user already changed).
 */
import { AppError } from '../ipc/app-error.ts';

export class LatestWins {
  #running = false;
  #waiting: { start(): void; reject(error: Error): void } | null = null;

  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running = true;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.#running = false;
            const next = this.#waiting;
            this.#waiting = null;
            next?.start();
          });
      };
      if (!this.#running) return start();
      this.#waiting?.reject(new AppError('SUPERSEDED', 'A newer request of the same kind replaced this one.'));
      this.#waiting = { start, reject };
    });
  }
}
