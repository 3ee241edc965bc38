import { ServiceError, type Client, type WorkflowHandle } from '@temporalio/client';
import { defineUpdate } from '@temporalio/workflow';
import { executeUpdate, isDroppedUpdate } from './temporal-errors';

/** A gRPC status as the client library wraps it in a ServiceError. */
const grpcError = (code: number, details: string) =>
  new ServiceError('Workflow Update failed', { cause: Object.assign(new Error(details), { code, details }) });

const dropped = () => grpcError(9, 'Unable to perform workflow execution update due to unexpected workflow task failure.');

const update = defineUpdate<string, [string]>('probe');
const client = { withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn() } as unknown as Client;

/** A handle whose executeUpdate answers each of `answers` in turn, recording the update ids it was sent. */
function handleAnswering(...answers: Array<Error | string>) {
  const ids: string[] = [];
  const handle = {
    executeUpdate: async (_u: unknown, options: { updateId: string }) => {
      ids.push(options.updateId);
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as WorkflowHandle;
  return { handle, ids };
}

describe('isDroppedUpdate', () => {
  it('knows the server dropping an update when its workflow task failed, and nothing else', () => {
    expect(isDroppedUpdate(dropped())).toBe(true);
    expect(isDroppedUpdate(grpcError(9, 'Workflow Update is not supported'))).toBe(false);
    expect(isDroppedUpdate(grpcError(3, 'unexpected workflow task failure'))).toBe(false);
    expect(isDroppedUpdate(new Error('unexpected workflow task failure'))).toBe(false);
    expect(isDroppedUpdate(undefined)).toBe(false);
  });
});

describe('executeUpdate', () => {
  it('sends a dropped update again with the same id and answers what the workflow returned', async () => {
    const { handle, ids } = handleAnswering(dropped(), dropped(), 'done');
    await expect(executeUpdate(client, 10_000, handle, update, 'x', 'key-1', 'closed')).resolves.toBe('done');
    expect(ids).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('answers 503 at the deadline, so that the caller sends it again with the same key', async () => {
    const { handle, ids } = handleAnswering(dropped(), dropped(), dropped(), dropped(), dropped(), 'late');
    await expect(executeUpdate(client, 0, handle, update, 'x', 'key-2', 'closed')).rejects.toMatchObject({ status: 503 });
    expect(ids).toEqual(['key-2']);
  });

  it('does not send again what the server refused for another reason', async () => {
    const { handle, ids } = handleAnswering(grpcError(3, 'bad request'), 'never');
    await expect(executeUpdate(client, 10_000, handle, update, 'x', undefined, 'closed')).rejects.toBeInstanceOf(ServiceError);
    expect(ids).toHaveLength(1);
  });
});
