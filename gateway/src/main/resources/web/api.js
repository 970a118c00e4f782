// The JSON API; the session is the HttpOnly cookie set by POST /api/login.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: options.body ? { 'Content-Type': 'application/json' } : {},
    ...options,
  });
  const body = response.headers.get('Content-Type')?.startsWith('application/json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? response.statusText);
  }
  return body;
}

export function post(path, body) {
  return api(path, { method: 'POST', body: JSON.stringify(body ?? {}) });
}
