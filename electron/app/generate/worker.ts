/**
 * The generator's worker thread: plans the world's history, releases each
 * dialog's script up to the anchor and computes its metrics with the engine,
 * then posts the rows in chunks (codec.ts) to the thread that writes them.
 * At most a few chunks wait unwritten (flow control by acknowledgement).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { historyAtAnchor } from '../backends/demo/history.ts';
import type { WorldSpec } from '../backends/demo/simulator.ts';
import { createWorld } from '../backends/demo/world.ts';
import { dialogRowValues, timelineRows } from '../db/queries/bulk-load.ts';
import { computeDialog, METRIC_ENGINE_VERSION } from '../metrics/engine.ts';
import { ChunkEncoder, type EncodedChunk } from './codec.ts';

export interface GenerateWorkerData {
  spec: WorldSpec;
  chunk: number;
  /** this worker plans every `of`-th chunk from the `nth` */
  share: { nth: number; of: number };
}

export type FromGenerateWorker =
  | { type: 'chunk'; number: number; chunk: EncodedChunk; firstRunning: number | null }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** Chunks posted and not yet written: enough to keep the writer busy, few enough to bound memory. */
const IN_FLIGHT = 3;

const port = parentPort;
if (!port) throw new Error('generate/worker.ts runs only as a worker thread');
const { spec, chunk, share } = workerData as GenerateWorkerData;
const world = createWorld(spec.seed);
const lineNames = new Map(world.lines.map((l) => [l.id, l.name]));
const operatorNames = new Map(world.operators.map((o) => [o.id, o.name]));

let credits = IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits += 1;
  wake?.();
});

async function run(): Promise<void> {
  const encoder = new ChunkEncoder();
  for (const { chunk: number, dialogs } of historyAtAnchor(spec, chunk, share)) {
    let firstRunning: number | null = null;
    for (const d of dialogs) {
      const { snapshot, entries } = d;
      // as apply-changes.ts writes a synced dialog
      const computed = computeDialog({ id: snapshot.id, direction: snapshot.direction, entries });
      const operatorId = snapshot.operatorId ?? computed.operatorId;
      const row = dialogRowValues({
        snapshot,
        computed,
        lineName: lineNames.get(snapshot.lineId) ?? `#${snapshot.lineId}`,
        operatorId,
        operatorName: operatorId === null ? null : (operatorNames.get(operatorId) ?? `#${operatorId}`),
        metricsVersion: METRIC_ENGINE_VERSION,
      });
      encoder.dialog(row, { id: snapshot.clientId, name: snapshot.clientName });
      timelineRows(snapshot.id, entries, encoder);
      if (d.running && firstRunning === null) firstRunning = d.index;
    }
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    const encoded = encoder.take();
    port!.postMessage({ type: 'chunk', number, chunk: encoded, firstRunning } satisfies FromGenerateWorker, [encoded.numbers.buffer]);
  }
  port!.postMessage({ type: 'done' } satisfies FromGenerateWorker);
}

run().catch((error: unknown) => {
  port.postMessage({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromGenerateWorker);
});
