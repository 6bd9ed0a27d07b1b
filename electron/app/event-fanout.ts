/**
 * Push events to every subscriber, where one failing subscriber (a closed
 * socket, a renderer gone) must not keep the event from the others: the
 * services and the source switch both hand their events on this way.
 */
import type { EventName, Events } from '../../shared/ipc/contract.ts';
import type { Logger } from './ipc/dispatch.ts';

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface EventFanout {
  emit: EventListener;
  /** subscribe; returns the unsubscribe function */
  subscribe(listener: EventListener): () => void;
}

export function createEventFanout(log: Logger, scope: string): EventFanout {
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.error(`[${scope}] a ${event} listener failed`, error);
      }
    }
  };
  return {
    emit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
