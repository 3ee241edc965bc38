import type { Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';

/** True when the Temporal frontend answers the gRPC health check with SERVING. */
export async function isTemporalServing(connection: Connection): Promise<boolean> {
  const res = await connection.healthService.check({});
  return res.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
}
