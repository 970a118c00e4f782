// The JSON API; the session is the HttpOnly cookie set by POST /api/login.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The response of a successful request; a failed one throws an ApiError with the server's reason. */
export async function apiResponse(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: options.body ? { 'Content-Type': 'application/json' } : {},
    ...options,
  });
  if (!response.ok) {
    const body = isJson(response) ? await response.json() : null;
    throw new ApiError(response.status, body?.error ?? response.statusText);
  }
  return response;
}

export async function api(path, options = {}) {
  const response = await apiResponse(path, options);
  return isJson(response) ? response.json() : null;
}

export function post(path, body) {
  return api(path, { method: 'POST', body: JSON.stringify(body ?? {}) });
}

/** A POST whose body is text (a YAML rule set), answered with a response of any type. */
export function postText(path, text, contentType = 'application/yaml') {
  return apiResponse(path, { method: 'POST', body: text, headers: { 'Content-Type': contentType } });
}

function isJson(response) {
  return response.headers.get('Content-Type')?.startsWith('application/json') ?? false;
}
