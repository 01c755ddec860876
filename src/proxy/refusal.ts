/** The proxy's own answers, distinguishable from a provider's: `{ auditLensProxy: { code, message } }`. */
export function refusal(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ auditLensProxy: { code, message } }, { status, headers });
}
