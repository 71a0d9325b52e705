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

  /**
   * Resolves with {data, errors}; rejects with ApiError when there is no data at all. For a
   * mutation, an answer that never came (the connection broke, a gateway answered instead of the
   * service) is OUTCOME_UNKNOWN: the change may have been saved, so the page reads it back rather
   * than tell the partner to do it again.
   */
  async function request(query, variables = {}, { mutation = false } = {}) {
    let response;
    try {
      response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (e) {
      throw new ApiError(mutation ? 'OUTCOME_UNKNOWN' : 'NETWORK', e.message);
    }
    let body;
    try {
      body = await response.json();
    } catch (e) {
      const code = mutation && response.status >= 500 ? 'OUTCOME_UNKNOWN' : response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'NETWORK';
      throw new ApiError(code, `HTTP ${response.status}`);
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
    let payload;
    let dispose = () => {};
    // After stop() nothing of this client reaches the page: a retry that was waiting may still
    // connect once before the client notices it was disposed.
    let stopped = false;
    const client = createClient({
      url: `${scheme}//${location.host}/graphql`,
      connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
      lazy: false,
      keepAlive: 20000,
      retryAttempts: Infinity,
      // The service closes with 4401/4403 when the token does not do; retrying cannot help.
      shouldRetry: (event) => !(event && (event.code === 4401 || event.code === 4403)),
      // 1, 2, 4, 8, 15, 15… seconds, spread so that many dashboards do not return at once.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15000) * (0.5 + Math.random() / 2))),
      onNonLazyError: () => !stopped && onStatus('offline'),
      on: {
        connected: (socket, ack, wasRetry) => {
          if (stopped) return;
          onStatus('live');
          // Without a cursor yet the service cannot replay what this socket missed: read again.
          if (wasRetry && payload && payload.variables.after == null) onReconnectedWithoutCursor();
        },
        closed: () => !stopped && onStatus('reconnecting'),
      },
    });

    function subscribe(after) {
      payload = { query, variables: { partnerId, after: after || null } };
      let ended = false;
      const end = (code) => {
        if (ended || stopped) return;
        ended = true;
        onEnded(code, payload.variables.after);
      };
      dispose = client.subscribe(payload, {
        next: (result) => {
          if (stopped) return;
          const event = result.data && result.data.reviewEvents;
          if (event) {
            payload.variables.after = event.cursor;
            onEvent(event);
          } else {
            // The stream's last item: null, with the reason as extensions.code (README, Operations).
            const error = (result.errors || [])[0] || {};
            end((error.extensions && error.extensions.code) || 'INTERNAL_SERVER_ERROR');
          }
        },
        error: (error) => {
          const first = Array.isArray(error) ? error[0] : null;
          const closed = error && typeof error.code === 'number' ? error.code : null;
          // The service closes with 4403 (4401 in other servers) when connection_init's token does
          // not verify: expired while the socket was away, say. Not FORBIDDEN (another partner's data).
          end(first && first.extensions ? first.extensions.code
            : closed === 4401 || closed === 4403 ? 'SIGN_IN_REFUSED' : 'NETWORK');
        },
        complete: () => end('COMPLETED'),
      });
    }

    return {
      subscribe,
      stop() {
        if (stopped) return;
        stopped = true;
        dispose();
        client.dispose();
      },
    };
  }

  return { request, followEvents };
}
