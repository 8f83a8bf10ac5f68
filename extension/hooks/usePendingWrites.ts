import { useEffect, useState } from 'react';
import { db } from '../lib/local-db.ts';

/** The outbox's pending count, looked at every two seconds (IndexedDB has no cheap change feed across pages). */
export function usePendingWrites(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    const read = () => void db.outbox.where('state').equals('pending').count().then((n) => alive && setCount(n), () => undefined);
    read();
    const timer = setInterval(read, 2000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return count;
}
