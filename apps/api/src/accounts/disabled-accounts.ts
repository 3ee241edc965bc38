/**
 * The accounts that are disabled, known to every API process: a disabled account's token stops working at
 * once in the process that disabled it and within REFRESH_MS in the others, without a database query per
 * request (the guard runs on every call).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

const REFRESH_MS = 5000;

@Injectable()
export class DisabledAccounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private ids = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Reads the disabled accounts again. */
  async refresh(): Promise<void> {
    const rows: Array<{ id: string }> = await this.ds.query('SELECT id FROM accounts WHERE disabled_at IS NOT NULL');
    this.ids = new Set(rows.map((r) => r.id));
  }

  /** Whether the account is disabled. */
  has(accountId: string): boolean {
    return this.ids.has(accountId);
  }

  /** Records a change made in this process at once. */
  mark(accountId: string, disabled: boolean): void {
    if (disabled) this.ids.add(accountId);
    else this.ids.delete(accountId);
  }
}
