/** The live stream of changes for the signed-in person (Server-Sent Events). */
import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, type Principal } from '../auth/principal';
import { LiveFeed } from './live-feed.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class LiveController {
  constructor(private readonly feed: LiveFeed) {}

  @Get('live')
  @ApiOperation({
    summary: 'Luồng cập nhật trực tiếp (Server-Sent Events) của người đăng nhập',
    description:
      'Frames: `ready` {unread} first (its id is the log position to resume from), `change` {campaigns, units, whole} when ' +
      'something the person may read changed (read it again through the API), `inbox` {unread}, `resync` {} (read ' +
      'everything again), `end` {reason: expired | disabled | shutdown}; a comment every 15 s. Send `Last-Event-ID` ' +
      'to resume: what changed since comes first. Closed when the token expires.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last frame received (a log position)' })
  @ApiOkResponse({ description: 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async live(
    @Caller() caller: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.status(200);
    res.setHeader('content-type', 'text/event-stream'); // always UTF-8 by the SSE standard
    res.setHeader('cache-control', 'no-cache, no-transform');
    res.setHeader('x-accel-buffering', 'no'); // nginx: pass each frame on at once
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    const resumeFrom = lastEventId !== undefined && /^\d{1,18}$/.test(lastEventId.trim()) ? Number(lastEventId.trim()) : undefined;
    try {
      const stream = await this.feed.open(res, caller, resumeFrom);
      req.on('close', () => stream.close());
      if (req.destroyed) stream.close();
    } catch {
      // PostgreSQL did not answer: the headers are sent, so no error body; the client retries (`retry`).
      res.end();
    }
  }
}
