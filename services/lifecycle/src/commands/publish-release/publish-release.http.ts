import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException, unwrap } from '@pac/bootstrap';
import { PublishReleaseRequest, type ReleaseResponse } from '@pac/http-contracts';
import { PublishReleaseHandler } from './publish-release.handler';

@Controller('releases')
export class PublishReleaseHttp {
  constructor(private readonly handler: PublishReleaseHandler) {}

  /** Platform admins publish releases. */
  @Post()
  @HttpCode(201)
  async publish(
    @CallerContext() caller: Caller,
    @Body() body: PublishReleaseRequest,
  ): Promise<ReleaseResponse> {
    if (!caller.roles.includes('platform:admin'))
      throw ProblemException.forbidden('only a platform admin publishes releases');
    return unwrap(await this.handler.execute(caller, body));
  }
}
