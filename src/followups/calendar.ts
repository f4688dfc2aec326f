// `handoff due --ics FILE` (docs/followups.md): an iCalendar file (RFC 5545) with one recurring all-day
// event per dated follow-up, starting on its next due date, for owners' calendars. Written
// with ical.js (Mozilla's, also the parser of the tests), which escapes text and folds lines.
// Same inputs, history and --now: same bytes. UIDs come from the brief and follow-up ids, so a
// calendar that subscribes to the file updates its events instead of duplicating them.
import ICAL from 'ical.js';
import { cadenceRule } from './cadence-rules.js';
import type { DueRow } from './due-list.js';
import { describeLastRun } from './due-dates.js';

export interface CalendarOptions {
  /** DTSTAMP of every event (--now). */
  now: Date;
  toolVersion: string;
  /** The command that runs what is due, per input file: shown in each description. */
  runCommand: (file: string) => string;
}

function describeEvent(row: DueRow, options: CalendarOptions): string {
  return [
    `Follow-up ${row.id} of "${row.title}" (${row.brief})`,
    `Check: ${row.check}`,
    `Cadence: ${row.cadence}`,
    `Owner: ${row.owner ?? '(none named)'}`,
    `Selectors: ${row.selectors.length > 0 ? row.selectors.join(', ') : '(none)'}`,
    ...(row.expect ? [`Expect: ${row.expect}`] : []),
    `Last run: ${describeLastRun(row.schedule.lastRun, row.selectors.length > 0)}`,
    `Run what is due: ${options.runCommand(row.file)}`,
  ].join('\n');
}

/** The calendar of every dated follow-up, in the order given; CRLF line ends, as RFC 5545 wants. */
export function formatCalendar(rows: readonly DueRow[], options: CalendarOptions): string {
  // ical.js folds at 75 octets of content, and a continuation line adds its leading space: fold
  // one earlier so that every line stays within RFC 5545's 75 octets.
  ICAL.foldLength = 74;
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', `-//handoff-brief//handoff due ${options.toolVersion}//EN`);
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', 'handoff follow-ups');
  const stamp = ICAL.Time.fromJSDate(new Date(Math.floor(options.now.getTime() / 1000) * 1000), true);
  for (const row of rows) {
    const start = row.schedule.due;
    const rule = start === null ? null : cadenceRule(row.cadenceKind, start, row.schedule.countedFrom);
    if (start === null || rule === null) continue;
    const event = new ICAL.Component('vevent');
    event.updatePropertyWithValue('uid', `${row.brief}.${row.id}@handoff-brief`);
    event.updatePropertyWithValue('dtstamp', stamp);
    event.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(start));
    event.updatePropertyWithValue('rrule', ICAL.Recur.fromString(rule));
    event.updatePropertyWithValue('summary', `${row.check} (${row.brief})`);
    event.updatePropertyWithValue('description', describeEvent(row, options));
    event.updatePropertyWithValue('transp', 'TRANSPARENT');
    calendar.addSubcomponent(event);
  }
  return `${calendar.toString()}\r\n`;
}
