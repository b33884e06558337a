import { useEffect, useRef, useState } from 'react';

/** The value, at most once per `ms`: a run sending hundreds of batches a second redraws its charts a few times a second. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    clearTimeout(timer.current);
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
    } else {
      timer.current = setTimeout(() => { last.current = Date.now(); setShown(value); }, wait);
    }
    return () => clearTimeout(timer.current);
  }, [value, ms]);
  return shown;
}
