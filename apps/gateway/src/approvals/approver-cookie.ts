/**
 * The approver session cookie. `__Host-` pins it to this host, path `/` and HTTPS; with
 * APPROVER_COOKIE_SECURE=false (test environments on plain HTTP only) the prefix must go too,
 * because browsers refuse a `__Host-` cookie without `Secure`.
 */
export class ApproverCookie {
  readonly name: string;

  constructor(private readonly secure: boolean) {
    this.name = secure ? '__Host-apier_approver' : 'apier_approver';
  }

  /** The session token from a `Cookie` header; the first of duplicates, as browsers order them. */
  read(header: string | undefined): string | undefined {
    for (const part of (header ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.name) return part.slice(eq + 1).trim();
    }
    return undefined;
  }

  set(token: string, maxAgeSeconds: number): string {
    return this.serialise(token, maxAgeSeconds);
  }

  clear(): string {
    return this.serialise('', 0);
  }

  private serialise(value: string, maxAgeSeconds: number): string {
    return [
      `${this.name}=${value}`,
      'Path=/',
      `Max-Age=${maxAgeSeconds}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(this.secure ? ['Secure'] : []),
    ].join('; ');
  }
}
