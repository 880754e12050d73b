import { parseCaption } from '../format/markdown.ts';

/** A caption in the safe markdown subset, rendered as React text: nothing in it is ever HTML. */
export function Caption({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      {parseCaption(text).map((runs, p) => (
        <p key={p}>
          {runs.map((run, i) =>
            run.style === 'strong' ? <strong key={i}>{run.text}</strong> : run.style === 'em' ? <em key={i}>{run.text}</em> : run.style === 'code' ? <code key={i}>{run.text}</code> : run.text,
          )}
        </p>
      ))}
    </div>
  );
}
