/** Calls per operation, in total and per account, so tests can prove e.g. "50 requests caused one refresh". */
export class CallCounters {
  private total = new Map<string, number>();
  private byAccount = new Map<string, Map<string, number>>();

  record(operation: string, account: string | null): void {
    this.total.set(operation, (this.total.get(operation) ?? 0) + 1);
    if (!account) return;
    let m = this.byAccount.get(account);
    if (!m) this.byAccount.set(account, (m = new Map()));
    m.set(operation, (m.get(operation) ?? 0) + 1);
  }

  get(operation: string, account?: string): number {
    if (account === undefined) return this.total.get(operation) ?? 0;
    return this.byAccount.get(account.toLowerCase())?.get(operation) ?? 0;
  }

  snapshot(): { total: Record<string, number>; byAccount: Record<string, Record<string, number>> } {
    return {
      total: Object.fromEntries(this.total),
      byAccount: Object.fromEntries([...this.byAccount].map(([a, m]) => [a, Object.fromEntries(m)])),
    };
  }

  reset(): void {
    this.total.clear();
    this.byAccount.clear();
  }
}
