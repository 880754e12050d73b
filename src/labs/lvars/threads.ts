/**
 * Thread names are paths, so they do not depend on the schedule: `main`, `main.2` (the second
 * fork of main), `main/h3(7)` (handler main/h3 running on event 7). Shown shorter here.
 */
export function threadLabel(id: string): string {
  const handler = /\/(h\d+)\((.*)\)$/.exec(id);
  return handler ? `${handler[1]}(${handler[2]})` : id;
}

export function threadTitle(id: string): string {
  const handler = /^(.*)\/(h\d+)\((.*)\)$/.exec(id);
  return handler ? `Handler ${handler[2]} (added by ${handler[1]}) running on event ${handler[3]}` : id === 'main' ? 'The main thread' : `Thread forked by ${id.slice(0, id.lastIndexOf('.'))}`;
}
