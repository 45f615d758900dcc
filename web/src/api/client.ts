/** A zh-CN / en-US pair, as the API sends every message. */
export interface Localized {
  zh: string;
  en: string;
}

export interface ApiFieldError {
  field: string;
  code: string;
  message: Localized;
}

/** A failed API call, parsed from application/problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The human message in both languages (`Error.message` holds the English one). */
    readonly localized: Localized,
    readonly field?: string,
    readonly errors: ApiFieldError[] = [],
    /** The problem's `detail` (e.g. the row problems of an Excel import). */
    readonly detail?: unknown,
  ) {
    super(localized.en);
    this.name = 'ApiError';
  }
}

const networkFailure: Localized = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the network and retry',
};
const unexpected: Localized = {
  zh: '服务器返回了无法识别的响应',
  en: 'The server sent an unexpected response',
};

type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=x`, leaving out empty values. */
export function queryString(params: Record<string, QueryValue>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

function isLocalized(v: unknown): v is Localized {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Localized).zh === 'string' &&
    typeof (v as Localized).en === 'string'
  );
}

async function problemOf(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return new ApiError(res.status, 'http_error', unexpected);
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body.code !== 'string' || !isLocalized(body.message)) {
    return new ApiError(res.status, 'http_error', unexpected);
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).filter(
        (e): e is ApiFieldError =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as ApiFieldError).field === 'string' &&
          isLocalized((e as ApiFieldError).message),
      )
    : [];
  return new ApiError(
    res.status,
    body.code,
    body.message,
    typeof body.field === 'string' ? body.field : undefined,
    errors,
    body.detail,
  );
}

async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Luoshi-Request'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', networkFailure);
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Sends a file as multipart `file`; the browser sets the boundary. */
async function upload<T>(path: string, file: Blob, filename: string): Promise<T> {
  const body = new FormData();
  body.append('file', file, filename);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Luoshi-Request': '1' },
      credentials: 'same-origin',
      body,
    });
  } catch {
    throw new ApiError(0, 'network_error', networkFailure);
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** The file name a download announces (`filename*=UTF-8''…` first). */
function filenameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Fetches a file (a workbook, a template) and hands it to the browser to save; errors are ApiErrors. */
async function download(
  path: string,
  query: Record<string, QueryValue> = {},
  fallback = 'download',
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${queryString(query)}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', networkFailure);
  }
  if (!res.ok) throw await problemOf(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The typed API client: every unsafe call carries the CSRF header and same-origin cookies. */
export const api = {
  get: <T>(path: string, query: Record<string, QueryValue> = {}) =>
    request<T>('GET', `${path}${queryString(query)}`),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
  /** DELETE for endpoints that answer with a body (e.g. the calendar after a change). */
  delWith: <T>(path: string) => request<T>('DELETE', path),
  upload,
  download,
};

/** Does this error mean the caller has no session any more? */
export const isSignedOut = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 401 && (e.code === 'unauthenticated' || e.code === 'session_expired');

/** Does this error mean the caller must change a first-time password first? */
export const isPasswordChangeRequired = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === 'password_change_required';
