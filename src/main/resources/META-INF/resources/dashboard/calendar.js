// Calendar days as the API takes them: Amsterdam days, whatever the browser's own time zone.

/** 00:00 of a calendar day ("2022-04-15") in Amsterdam, as an ISO instant. */
export function amsterdamMidnight(date) {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  // At 00:00 UTC Amsterdam is at 01:00 or 02:00 (DST changes happen later in the night).
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(new Date(utc)));
  return new Date(utc - hour * 3600000).toISOString();
}

export function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
