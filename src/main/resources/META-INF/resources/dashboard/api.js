// How the dashboard talks to the service: queries and mutations are GraphQL over HTTP (a POST of
// {query, variables} to /graphql, as Apollo's HttpLink sends it); subscriptions go through the
// graphql-ws client (graphql-transport-ws), which owns the WebSocket protocol and reconnects.
import { createClient } from '/webjars/graphql-ws/lib/client.mjs';

/** A request that did not give data: `code` is the API's extensions.code, or NETWORK. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

export function createApi(token) {
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.Authorization = `Bearer ${token}`;

  /** Resolves with {data, errors}; rejects with ApiError when there is no data at all. */
  async function request(query, variables = {}) {
    let response;
    try {
      response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (e) {
      throw new ApiError('NETWORK', e.message);
    }
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new ApiError(response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'NETWORK', `HTTP ${response.status}`);
    }
    const errors = body.errors || [];
    if (!body.data) {
      const first = errors[0] || {};
      throw new ApiError((first.extensions && first.extensions.code) || `HTTP_${response.status}`, first.message);
    }
    return { data: body.data, errors };
  }

  /**
   * Follows the partner's review events. graphql-ws re-sends the same payload after a reconnect,
   * so keeping `after` at the last cursor in that payload makes every reconnect start where the
   * dashboard left off: the service first replays what was missed.
   *   onEvent(event), onEnded(code, cursor) when the service ends the stream,
   *   onStatus('live' | 'reconnecting' | 'offline'), onReconnectedWithoutCursor() to read everything again.
   */
  function followEvents(query, partnerId, { onEvent, onEnded, onStatus, onReconnectedWithoutCursor }) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = createClient({
      url: `${scheme}//${location.host}/graphql`,
      connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
      lazy: false,
      keepAlive: 20000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // 1, 2, 4, 8, 15, 15… seconds, spread so that many dashboards do not return at once.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15000) * (0.5 + Math.random() / 2))),
      onNonLazyError: () => onStatus('offline'),
      on: {
        connected: (socket, ack, wasRetry) => {
          onStatus('live');
          // Without a cursor yet the service cannot replay what this socket missed: read again.
          if (wasRetry && payload && payload.variables.after == null) onReconnectedWithoutCursor();
        },
        closed: () => onStatus('reconnecting'),
      },
    });
    let payload;
    let dispose = () => {};
    let stopped = false;

    function subscribe(after) {
      payload = { query, variables: { partnerId, after: after || null } };
      let ended = false;
      dispose = client.subscribe(payload, {
        next: (result) => {
          const event = result.data && result.data.reviewEvents;
          if (event) {
            payload.variables.after = event.cursor;
            onEvent(event);
          } else {
            // The stream's last item: null, with the reason as extensions.code (README, Operations).
            const error = (result.errors || [])[0] || {};
            ended = true;
            onEnded((error.extensions && error.extensions.code) || 'INTERNAL_SERVER_ERROR', payload.variables.after);
          }
        },
        error: (error) => {
          ended = true;
          onEnded(Array.isArray(error) && error[0] && error[0].extensions ? error[0].extensions.code : 'NETWORK', payload.variables.after);
        },
        complete: () => {
          if (!ended && !stopped) onEnded('COMPLETED', payload.variables.after);
        },
      });
    }

    return {
      subscribe,
      stop() {
        stopped = true;
        dispose();
        client.dispose();
      },
    };
  }

  return { request, followEvents };
}

/** The claims of a JWT, read (not verified: the service verifies) to know whose dashboard it is. */
export function tokenClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}
