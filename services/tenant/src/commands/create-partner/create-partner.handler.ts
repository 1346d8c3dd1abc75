import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@pac/clock';
import type { PartnerResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { partnerResponse } from '../../application/responses';
import { newPartner } from '../../domain/partner';
import { insertPartner } from '../../persistence/partners';

@Injectable()
export class CreatePartnerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { name: string }): Promise<PartnerResponse> {
    const partner = newPartner({ partnerId: randomUUID(), name: command.name }, this.clock.now());
    await inTransaction(this.dataSource, (manager) => insertPartner(manager, partner));
    return partnerResponse(partner);
  }
}
