/** A tiny client over real HTTP (global fetch), so tests go through the server's actual routes. */
export interface Res<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export function client(baseUrl: string, token?: string) {
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData || typeof body === 'string' || body instanceof URLSearchParams) payload = body as BodyInit;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(baseUrl + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  }
  return {
    get: <T = any>(p: string, headers?: Record<string, string>) => call<T>('GET', p, undefined, headers),
    post: <T = any>(p: string, b?: unknown, headers?: Record<string, string>) => call<T>('POST', p, b, headers),
    patch: <T = any>(p: string, b?: unknown, headers?: Record<string, string>) => call<T>('PATCH', p, b, headers),
    put: <T = any>(p: string, b?: unknown, headers?: Record<string, string>) => call<T>('PUT', p, b, headers),
    delete: <T = any>(p: string, headers?: Record<string, string>) => call<T>('DELETE', p, undefined, headers),
    raw: (p: string, init?: RequestInit) => fetch(baseUrl + p, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init?.headers as any) } }),
    withToken: (t: string) => client(baseUrl, t),
  };
}

export type Client = ReturnType<typeof client>;

export async function demoLogin(baseUrl: string, persona: string) {
  const res = await client(baseUrl).post('/api/auth/demo-login', { persona });
  if (res.status !== 200) throw new Error(`demo login ${persona} failed: ${res.status} ${res.text}`);
  return { token: res.body.accessToken as string, user: res.body.user, api: client(baseUrl, res.body.accessToken) };
}
