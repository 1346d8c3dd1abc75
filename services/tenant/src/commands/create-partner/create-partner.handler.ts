import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@pac/clock';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { PartnerEntity } from '../../persistence/partner.entity';

export interface Partner {
  id: string;
  name: string;
  createdAt: string;
}

@Injectable()
export class CreatePartnerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { name: string }): Promise<Partner> {
    const partner = Object.assign(new PartnerEntity(), {
      id: randomUUID(),
      name: command.name.trim(),
      createdAt: this.clock.now(),
    });
    await inTransaction(this.dataSource, (manager) => manager.getRepository(PartnerEntity).insert(partner));
    return { id: partner.id, name: partner.name, createdAt: partner.createdAt.toISOString() };
  }
}
