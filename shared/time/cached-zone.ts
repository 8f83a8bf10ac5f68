import { IANAZone, Zone } from 'luxon';

const BUCKET_MS = 15 * 60_000;
const zones = new Map<string, CachedZone>();

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour. luxon asks
 * Intl for the offset on every DateTime it makes, which dominated the parser's
 * time; real offset changes happen on quarter-hour boundaries in UTC, so a
 * quarter-hour cache answers exactly what Intl would.
 */
export class CachedZone extends Zone {
  private readonly inner: IANAZone;
  private readonly offsets = new Map<number, number>();
  private lastBucket = Number.NaN;
  private lastOffset = 0;

  private constructor(name: string) {
    super();
    this.inner = IANAZone.create(name);
  }

  static of(name: string): CachedZone {
    let zone = zones.get(name);
    if (!zone) zones.set(name, (zone = new CachedZone(name)));
    return zone;
  }

  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.inner.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: { format?: 'short' | 'long'; locale?: string }): string | null {
    return this.inner.offsetName(ts, opts as never);
  }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const bucket = Math.floor(ts / BUCKET_MS);
    // Lookups come in runs about one moment (a wall time placed, then read back): the last answer first.
    if (bucket === this.lastBucket) return this.lastOffset;
    let value = this.offsets.get(bucket);
    if (value === undefined) {
      value = this.inner.offset(ts);
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(bucket, value);
    }
    this.lastBucket = bucket;
    this.lastOffset = value;
    return value;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}
