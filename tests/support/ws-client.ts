/** A Node client of the browser-mode contract, for tests that check the UI against the services. */
import WebSocket from 'ws';
import type { Channel, IpcResult, RequestOf, ResponseOf } from '../../shared/ipc/contract.ts';

export interface ContractClient {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

export async function connectContract(origin: string, token: string): Promise<ContractClient> {
  const url = `${origin.replace(/^http/, 'ws')}/api/ws?token=${encodeURIComponent(token)}`;
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { Origin: origin } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; id: number; result: IpcResult<unknown> };
    if (message.type === 'result') pending.get(message.id)?.(message.result);
  });
  return {
    call: (channel, request) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (result) => {
          pending.delete(id);
          if (result.ok) resolve(result.value as never);
          else reject(new Error(`${result.error.code}: ${result.error.message}`));
        });
        ws.send(JSON.stringify({ id, channel, request }));
      }),
    close: () => ws.close(),
  };
}
