/** A reseller, whose customers (tenants) the admin center manages; platform admins add them. */
export interface Partner {
  id: string;
  name: string;
  createdAt: string;
}

/** A new partner, its name trimmed (the request class checks its length). */
export function newPartner(command: { partnerId: string; name: string }, now: Date): Partner {
  return { id: command.partnerId, name: command.name.trim(), createdAt: now.toISOString() };
}
