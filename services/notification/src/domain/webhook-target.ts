/**
 * Where webhooks may be sent (SSRF protection): the addresses a target's name resolves to, checked at each
 * delivery, never an address inside the network the service runs in unless configuration allows it.
 */
export type AddressKind = 'loopback' | 'private' | 'link-local' | 'public';

export interface TargetPolicy {
  /** 127.0.0.0/8, ::1: allowed in development so that a local receiver works out of the box. */
  loopback: boolean;
  /** Private, shared and unique-local ranges, link-local addresses (cloud metadata), unspecified ones. */
  internal: boolean;
}

/**
 * The policy of a mode: in production only public addresses, unless `allowInternal` (WEBHOOK_ALLOW_PRIVATE_TARGETS)
 * says the receivers are inside; elsewhere loopback too.
 */
export function targetPolicy(production: boolean, allowInternal: boolean): TargetPolicy {
  return { loopback: allowInternal || !production, internal: allowInternal };
}

export function isAllowedAddress(address: string, policy: TargetPolicy): boolean {
  const kind = addressKind(address);
  if (kind === 'public') return true;
  if (kind === 'loopback') return policy.loopback;
  return policy.internal;
}

/** What kind of address a resolved IPv4 or IPv6 address (as text) is; anything unreadable is not public. */
export function addressKind(address: string): AddressKind {
  const v4 = parseIpv4(address);
  if (v4) return ipv4Kind(v4);
  const v6 = parseIpv6(address);
  if (!v6) return 'private';
  const isZero = (from: number, to: number) => v6.slice(from, to).every((part) => part === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) are IPv4 addresses.
  if (isZero(0, 5) && (v6[5] === 0xffff || v6[5] === 0) && !(v6[5] === 0 && v6[6] === 0)) {
    return ipv4Kind([v6[6]! >> 8, v6[6]! & 0xff, v6[7]! >> 8, v6[7]! & 0xff]);
  }
  if (isZero(0, 7) && v6[7] === 1) return 'loopback';
  if (isZero(0, 8)) return 'private';
  const first = v6[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((first & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 site local (deprecated)
  return 'public';
}

function ipv4Kind([a, b]: number[]): AddressKind {
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || a === 0) return 'private';
  if (a === 172 && b! >= 16 && b! <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 100 && b! >= 64 && b! <= 127) return 'private'; // shared address space (carrier NAT)
  if (a! >= 224) return 'private'; // multicast and reserved
  return 'public';
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const numbers = parts.map(Number);
  return numbers.every((n) => n <= 255) ? numbers : undefined;
}

/** Eight 16-bit groups, or undefined; accepts `::` shortening, a zone (`%eth0`) and a trailing IPv4. */
function parseIpv6(text: string): number[] | undefined {
  let address = text.split('%')[0]!.toLowerCase();
  if (!address.includes(':')) return undefined;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    if (!v4) return undefined;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    address = `${address.slice(0, -tail[1]!.length)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}
