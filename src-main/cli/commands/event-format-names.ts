/** The event-list formats as the CLI names them: the API's `tsv` is `dcase` on the command line, after the challenge that defined it. */
import { EVENT_LIST_FORMATS, type EventListFormat } from '../../contract/api.js';
import { badRequest } from '../../contract/errors.js';

const cliName = (f: EventListFormat) => (f === 'tsv' ? 'dcase' : f);

export const CLI_EVENT_FORMATS = EVENT_LIST_FORMATS.map(cliName);

export function fromCliFormat(name: string, usage: string): EventListFormat {
  const format = EVENT_LIST_FORMATS.find((f) => cliName(f) === name);
  if (!format) throw badRequest(`--format ${name}: expected one of ${CLI_EVENT_FORMATS.join(', ')}\nusage: ${usage}`);
  return format;
}
