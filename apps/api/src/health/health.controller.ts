import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { isTemporalServing } from '@thidua/temporal';
import { ping } from '@thidua/persistence';
import { Public } from '../auth/principal';

/** 'ok', or the reason the dependency is not usable. */
type Check = string;

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness and readiness probes (outside the /api prefix, for load balancers and orchestrators). */
@Public()
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Connection) private readonly temporal: Connection,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Temporal both answer; 503 naming the failing one otherwise. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, Check> }> {
    const [postgres, temporal] = await Promise.all([
      check(() => ping(this.dataSource)),
      check(async () => {
        if (!(await isTemporalServing(this.temporal))) throw new Error('Temporal is not serving');
      }),
    ]);
    const checks = { postgres, temporal };
    if (postgres !== 'ok' || temporal !== 'ok') {
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'Không sẵn sàng', checks });
    }
    return { status: 'ready', checks };
  }
}
