import { useEffect, useId, useState, type ReactNode } from 'react';
import { numberProblem } from './numberProblem.ts';

/**
 * Small labelled form controls. A number field keeps what is typed and only reports values that
 * parse and lie in range, so half-typed input never reaches the scenario; what it refuses, it
 * says why next to the field (and after leaving the field, which shows the value in force again).
 */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  maxReason,
  step,
  integer = false,
  unit,
  title,
  width = '5.5rem',
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  min?: number;
  max?: number;
  /** Why the maximum is what it is, when other settings set it. */
  maxReason?: string;
  step?: number;
  integer?: boolean;
  unit?: string;
  title?: string;
  width?: string;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [refused, setRefused] = useState<string>();
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]);
  const problem = numberProblem(text, { min, max, integer, maxReason });
  const message = problem ?? refused;
  return (
    <label className="dyn-field" htmlFor={id} title={title}>
      <span className="dyn-field-label">{label}</span>
      <span className="dyn-field-input">
        <input
          id={id}
          type="number"
          inputMode={integer ? 'numeric' : 'decimal'}
          value={text}
          min={min}
          max={max}
          step={step ?? (integer ? 1 : 'any')}
          aria-invalid={problem !== undefined}
          aria-describedby={message ? `${id}-why` : undefined}
          style={{ width }}
          onChange={(e) => {
            setText(e.target.value);
            setRefused(undefined);
            const n = Number(e.target.value);
            if (numberProblem(e.target.value, { min, max, integer }) === undefined && n !== value) onChange(n);
          }}
          onBlur={() => {
            if (problem === undefined) return;
            setRefused(`“${text}” not applied (${problem}); kept ${value.toLocaleString('en-US', { maximumFractionDigits: 6 })}`);
            setText(String(value));
          }}
        />
        {unit && <span className="dyn-unit">{unit}</span>}
      </span>
      {message && (
        <span id={`${id}-why`} className="dyn-field-why" role="status">
          {message}
        </span>
      )}
    </label>
  );
}

export function SelectField<T extends string | number>({
  label,
  value,
  options,
  onChange,
  title,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(v: T): void;
  title?: string;
}) {
  const id = useId();
  return (
    <label className="dyn-field" htmlFor={id} title={title}>
      <span className="dyn-field-label">{label}</span>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckField({ label, checked, onChange, title }: { label: string; checked: boolean; onChange(v: boolean): void; title?: string }) {
  return (
    <label className="dyn-check" title={title}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A collapsible group of settings. */
export function Section({ title, open = false, children, badge }: { title: string; open?: boolean; children: ReactNode; badge?: string }) {
  return (
    <details className="dyn-section" open={open}>
      <summary>
        <span>{title}</span>
        {badge && <span className="dyn-section-badge">{badge}</span>}
      </summary>
      <div className="dyn-section-body">{children}</div>
    </details>
  );
}
