import { useRef, type RefObject } from 'react';

interface FileButtonProps {
  label: string;
  title: string;
  accept: string;
  /** The hidden file input's accessible name and test id (tests hand it files directly). */
  inputLabel: string;
  testId: string;
  /** Lets another control (an "Open a file…" option in a select) open the same picker. */
  inputRef?: RefObject<HTMLInputElement | null>;
  onFile(file: File): void;
}

/** A button that opens the file picker; the same file can be chosen twice in a row. */
export function FileButton({ label, title, accept, inputLabel, testId, inputRef, onFile }: FileButtonProps) {
  const own = useRef<HTMLInputElement>(null);
  const input = inputRef ?? own;
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} title={title}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
