import { expect } from 'vitest';

interface GaxiosLike {
  status?: number;
  code?: number | string;
  message: string;
  response?: { status?: number; data?: { error?: { errors?: Array<{ reason?: string }> } | string }; headers?: unknown };
}

/** Awaits a call expected to fail with Google's error: checks status and, when given, the reason. Returns the error. */
export async function expectGoogleError(call: Promise<unknown>, status: number, reason?: string): Promise<GaxiosLike> {
  let caught: GaxiosLike | undefined;
  try {
    await call;
  } catch (e) {
    caught = e as GaxiosLike;
  }
  expect(caught, `expected a ${status} error`).toBeDefined();
  const actual = caught!.status ?? caught!.response?.status ?? Number(caught!.code);
  expect(actual, caught!.message).toBe(status);
  if (reason) {
    const data = caught!.response?.data;
    const reasons = typeof data === 'object' && data?.error && typeof data.error === 'object' ? (data.error.errors ?? []).map((e) => e.reason) : [data?.error];
    expect(reasons).toContain(reason);
  }
  return caught!;
}
