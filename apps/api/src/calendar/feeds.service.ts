/** Each account's secret, revocable calendar feed address, and the feeds themselves. */
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { activeFeed, createFeed, feedOwner, findUnits, listCampaigns, openUnitStates, revokeFeed } from '@thidua/persistence';
import { notFound } from '../common/http-errors';
import type { Principal } from '../auth/principal';
import { staffFeed, unitFeed } from './feed';

/** What the owner sees of their feed: its path (null when there is none) and when it was made. */
export interface FeedAddress {
  readonly path: string | null;
  readonly createdAt: string | null;
}

const pathOf = (token: string): string => `/api/calendar/feeds/${token}.ics`;
const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

@Injectable()
export class CalendarFeedsService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async mine(accountId: string): Promise<FeedAddress> {
    const feed = await activeFeed(this.ds, accountId);
    return feed ? { path: pathOf(feed.token), createdAt: feed.createdAt.toISOString() } : { path: null, createdAt: null };
  }

  /** A new address; the old one (if any) stops working at once. */
  async rotate(caller: Principal): Promise<FeedAddress> {
    const token = randomBytes(32).toString('base64url');
    const accountId = caller.accountId;
    const feed = await this.ds.transaction(async (m) => {
      await revokeFeed(m, accountId);
      return createFeed(m, accountId, { orgId: caller.orgId, role: caller.role, unitId: caller.unitId ?? null }, token, hashOf(token));
    });
    return { path: pathOf(feed.token), createdAt: feed.createdAt.toISOString() };
  }

  async revoke(accountId: string): Promise<FeedAddress> {
    await revokeFeed(this.ds, accountId);
    return { path: null, createdAt: null };
  }

  /**
   * The feed of the token's owner, or 404. An unknown, malformed or revoked token costs the same work as a
   * real one up to the lookup (the hash of whatever was sent, one indexed query), so timing tells nothing.
   */
  async render(file: string): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    const owner = await feedOwner(this.ds, hashOf(token));
    if (!owner) throw notFound('Không có lịch nào ở địa chỉ này (địa chỉ sai hoặc đã bị thu hồi)');
    if (owner.role === 'unit' && owner.unitId) {
      const [unit] = await findUnits(this.ds, [owner.unitId]);
      return unitFeed(unit?.name ?? owner.unitId, await openUnitStates(this.ds, owner.unitId));
    }
    const running = (await listCampaigns(this.ds, [owner.orgId])).filter((c) => c.status === 'running' || c.status === 'launching');
    return staffFeed(running.map((c) => ({ id: c.id, version: c.version, definition: c.definition })));
  }
}
