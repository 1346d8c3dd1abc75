import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { CallerContext, ProblemException } from '@pac/bootstrap';
import { CreatePartnerRequest, type PartnerResponse } from '@pac/http-contracts';
import { CreatePartnerHandler } from './create-partner.handler';

@Controller('partners')
export class CreatePartnerHttp {
  constructor(private readonly handler: CreatePartnerHandler) {}

  @Post()
  @HttpCode(201)
  create(@CallerContext() caller: Caller, @Body() body: CreatePartnerRequest): Promise<PartnerResponse> {
    if (!caller.roles.includes('platform:admin'))
      throw ProblemException.forbidden('only a platform admin adds partners');
    return this.handler.execute(body);
  }
}
