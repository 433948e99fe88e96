import { useEffect, useRef, useState } from 'react';

export interface SearchBoxProps {
  readonly id: string;
  readonly label: string;
  /** The search in force (from the URL); the box follows it when it changes from outside, e.g. Back. */
  readonly value: string;
  readonly onSearch: (value: string) => void;
  readonly placeholder?: string;
  readonly debounceMs?: number;
}

export const SEARCH_DEBOUNCE_MS = 100;

/** A text search that asks once the typing pauses, not on every key. */
export function SearchBox({ id, label, value, onSearch, placeholder, debounceMs = SEARCH_DEBOUNCE_MS }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const sent = useRef(value);

  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      onSearch(text);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [text, onSearch, debounceMs]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} spellCheck={false} />
    </div>
  );
}
