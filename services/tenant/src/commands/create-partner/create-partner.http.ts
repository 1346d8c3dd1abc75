import { Body, Controller, ForbiddenException, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext } from '@pac/bootstrap';
import { CreatePartnerRequest } from '@pac/http-contracts';
import { CreatePartnerHandler, type Partner } from './create-partner.handler';

@Controller('partners')
export class CreatePartnerHttp {
  constructor(private readonly handler: CreatePartnerHandler) {}

  @Post()
  @HttpCode(201)
  create(@CallerContext() caller: Caller, @Body() body: CreatePartnerRequest): Promise<Partner> {
    if (!caller.roles.includes('platform:admin'))
      throw new ForbiddenException('only a platform admin adds partners');
    return this.handler.execute(body);
  }
}
