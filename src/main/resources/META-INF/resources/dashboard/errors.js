import { t } from './i18n.js';

/** Words for an API failure (an ApiError, or a GraphQL error of a response with data). */
export function describeError(error) {
  const code = error.code || (error.extensions && error.extensions.code) || 'INTERNAL_SERVER_ERROR';
  const words = t.errors[code];
  if (code === 'BAD_USER_INPUT') return `${words}: ${error.message}`;
  return typeof words === 'string' ? words : t.errors.other(code);
}

/** Words for a mutation's userError. */
export function describeUserError(error) {
  const words = t.userErrors[error.code];
  return error.code === 'INVALID' || !words ? `${words || t.userErrors.INVALID}: ${error.message}` : words;
}
